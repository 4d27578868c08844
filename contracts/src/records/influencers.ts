import type { Message } from '../envelope.ts';

/** `CrearInfluencerPayload` (original §4.3): `id` is the client's `id_influencer`. */
export interface CrearInfluencerPayload {
  readonly id: string | null;
  readonly nombre: string | null;
  readonly email: string | null;
  readonly categorias: readonly string[] | null;
  readonly descripcion: string | null;
  readonly biografia: string | null;
  readonly sitio_web: string | null;
  readonly telefono: string | null;
  readonly fecha_creacion: string | null;
  readonly fecha_actualizacion: string | null;
}

export type EventoCrearInfluencer = Message<CrearInfluencerPayload, { readonly plataformas: readonly string[] | null }>;

export interface InfluencerRegistradoPayload {
  readonly id_influencer: string | null;
  readonly nombre: string | null;
  readonly email: string | null;
  readonly categorias: readonly string[] | null;
  /** Epoch milliseconds, UTC. */
  readonly fecha_registro: number | null;
}

export type EventoInfluencerRegistrado = Message<InfluencerRegistradoPayload>;

export interface InfluencerErrorPayload {
  readonly id_influencer: string | null;
  readonly nombre: string | null;
  readonly email: string | null;
  readonly error_codigo: string | null;
  readonly error: string | null;
  readonly error_detalle: string | null;
  readonly fecha_error: string | null;
}

export type EventoInfluencerError = Message<InfluencerErrorPayload>;

export interface EliminarInfluencerPayload {
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_solicitud: string | null;
}

export type ComandoEliminarInfluencer = Message<EliminarInfluencerPayload>;

export interface InfluencerEliminadoPayload {
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_eliminacion: string | null;
}

export type EventoInfluencerEliminado = Message<InfluencerEliminadoPayload>;

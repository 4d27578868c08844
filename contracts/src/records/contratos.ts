import type { Message } from '../envelope.ts';

export interface CrearContratoPayload {
  readonly influencer_id: string | null;
  readonly influencer_nombre: string | null;
  readonly influencer_email: string | null;
  readonly campana_id: string | null;
  readonly campana_nombre: string | null;
  readonly categorias: readonly string[] | null;
  readonly descripcion: string | null;
  /** Legacy float32; read `monto_base_decimal`. */
  readonly monto_base: number | null;
  readonly moneda: string | null;
  readonly fecha_inicio: string | null;
  readonly fecha_fin: string | null;
  readonly entregables: string | null;
  readonly tipo_contrato: string | null;
}

export type ComandoCrearContrato = Message<
  CrearContratoPayload,
  {
    /** The contract id the saga chose (v1 sent none). */
    readonly id_contrato: string | null;
    readonly monto_base_decimal: string | null;
  }
>;

export interface ContratoCreadoPayload {
  readonly id_contrato: string | null;
  readonly id_influencer: string | null;
  readonly id_campana: string | null;
  readonly monto_total: number | null;
  readonly moneda: string | null;
  readonly tipo_contrato: string | null;
  readonly fecha_creacion: string | null;
}

export type EventoContratoCreado = Message<ContratoCreadoPayload, { readonly monto_total_decimal: string | null }>;

export interface ContratoErrorPayload {
  readonly id_contrato: string | null;
  readonly id_influencer: string | null;
  readonly id_campana: string | null;
  readonly monto_total: number | null;
  readonly moneda: string | null;
  readonly tipo_contrato: string | null;
  readonly fecha_creacion: string | null;
  readonly error: string | null;
  readonly error_detalle: string | null;
}

export type EventoContratoError = Message<
  ContratoErrorPayload,
  {
    readonly monto_total_decimal: string | null;
    readonly error_codigo: string | null;
  }
>;

export interface EliminarContratoPayload {
  readonly contrato_id: string | null;
  readonly campana_id: string | null;
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_solicitud: string | null;
}

export type ComandoEliminarContrato = Message<EliminarContratoPayload>;

export interface ContratoEliminadoPayload {
  readonly contrato_id: string | null;
  readonly campana_id: string | null;
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_eliminacion: string | null;
}

export type EventoContratoEliminado = Message<ContratoEliminadoPayload>;

import type { Event } from '@alpes/eventstore';

/**
 * Field names as on the wire (`InfluencerRegistradoPayload`: id_influencer, nombre, email, categorias,
 * fecha_registro); the profile fields and `plataformas` travel only in the stored event (`null` / `[]` when absent).
 */
export interface InfluencerRegistradoData {
  readonly id_influencer: string;
  readonly nombre: string;
  readonly email: string;
  readonly categorias: readonly string[];
  /** Known platforms only (`limites.plataformas`), lower-cased, deduplicated; `[]` when none were given. */
  readonly plataformas: readonly string[];
  /** Epoch milliseconds, UTC. */
  readonly fecha_registro: number;
  readonly descripcion: string | null;
  readonly biografia: string | null;
  readonly sitio_web: string | null;
  /** Digits only, as the original stored it. */
  readonly telefono: string | null;
}

export type InfluencerRegistrado = Event<'InfluencerRegistrado', InfluencerRegistradoData>;

/**
 * The compensation's outcome (`InfluencerEliminadoPayload`: influencer_id, razon, fecha_eliminacion).
 * `existia` is false for a tombstone: the deletion reached the service before (or instead of) the creation.
 */
export type InfluencerEliminado = Event<
  'InfluencerEliminado',
  {
    readonly influencer_id: string;
    readonly razon: string;
    /** ISO-8601 UTC. */
    readonly fecha_eliminacion: string;
    readonly existia: boolean;
  }
>;

export type InfluencerEvent = InfluencerRegistrado | InfluencerEliminado;

import type { Event } from '@alpes/eventstore';

export const tiposContrato = ['puntual', 'temporal', 'exclusivo', 'colaboracion'] as const;

export type TipoContrato = (typeof tiposContrato)[number];

/**
 * Wire names of `ContratoCreadoPayload` first (id_contrato, id_influencer, id_campana, monto_total, moneda,
 * tipo_contrato, fecha_creacion), then what the stored event needs for the read model (§8.4). `monto_total`
 * is the command's `monto_base` as an exact decimal string; instants are ISO-8601 UTC.
 */
export interface ContratoCreadoData {
  readonly id_contrato: string;
  readonly id_influencer: string;
  readonly id_campana: string;
  readonly monto_total: string;
  readonly moneda: string;
  readonly tipo_contrato: TipoContrato;
  readonly fecha_creacion: string;
  readonly influencer_nombre: string;
  readonly influencer_email: string;
  readonly campana_nombre: string;
  readonly categorias: readonly string[];
  readonly descripcion: string;
  readonly entregables: string | null;
  readonly fecha_inicio: string;
  readonly fecha_fin: string | null;
}

/** A contract is created `activo` (the original stored `pendiente`, which made the active rule dead, D-13). */
export type ContratoCreado = Event<'ContratoCreado', ContratoCreadoData>;

export type ContratoFinalizado = Event<
  'ContratoFinalizado',
  {
    readonly id_contrato: string;
    readonly influencer_email: string;
    readonly fecha_finalizacion: string;
  }
>;

/**
 * `ContratoEliminadoPayload` names, plus `influencer_email` (so the application can free the active-contract
 * registry) and `existia` (false for a tombstone: the deletion arrived before, or instead of, the creation).
 */
export type ContratoEliminado = Event<
  'ContratoEliminado',
  {
    readonly contrato_id: string;
    readonly campana_id: string | null;
    readonly influencer_id: string | null;
    readonly influencer_email: string | null;
    readonly razon: string;
    readonly fecha_eliminacion: string;
    readonly existia: boolean;
  }
>;

export type ContratoEvent = ContratoCreado | ContratoFinalizado | ContratoEliminado;

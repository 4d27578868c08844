import type { Message } from '../envelope.ts';

/**
 * One transition of a saga (new topic `eventos-saga`): a row of the saga log, as the BFF streams it to
 * dashboards. `detalle` is JSON text with the step's data (ids, names, amounts).
 */
export interface SagaTransicionPayload {
  readonly id_correlacion: string | null;
  readonly id_influencer: string | null;
  /** The saga event: SagaIniciada, PasoIniciado, PasoCompletado, PasoFallido, CompensacionIniciada, PasoCompensado, SagaCompletada, SagaCompensada, SagaFallida. */
  readonly evento: string | null;
  /** influencer | campana | contrato (null for saga-level events). */
  readonly paso: string | null;
  readonly index_paso: number | null;
  /** en_curso | compensando | completada | compensada | fallida. */
  readonly estado_saga: string | null;
  readonly estado_paso: string | null;
  /** Command sent by this transition (CrearCampana, EliminarInfluencer …). */
  readonly comando: string | null;
  /** The message that caused it (InfluencerRegistrado, ErrorCreacionContrato, PlazoVencido …). */
  readonly evento_origen: string | null;
  readonly compensacion: string | null;
  readonly error_codigo: string | null;
  readonly error: string | null;
  readonly exitosa: boolean | null;
  /** ISO-8601 UTC. */
  readonly fecha_evento: string | null;
  readonly detalle: string | null;
}

export type EventoSaga = Message<SagaTransicionPayload>;

import type { TopicName } from './catalogue.ts';
import type {
  ComandoCrearCampana,
  EventoCampanaCreada,
  EventoCampanaEliminacionRequerida,
  EventoCampanaEliminada,
  EventoCampanaError,
} from './records/campanas.ts';
import type {
  ComandoCrearContrato,
  ComandoEliminarContrato,
  EventoContratoCreado,
  EventoContratoEliminado,
  EventoContratoError,
} from './records/contratos.ts';
import type {
  ComandoEliminarInfluencer,
  EventoCrearInfluencer,
  EventoInfluencerEliminado,
  EventoInfluencerError,
  EventoInfluencerRegistrado,
} from './records/influencers.ts';
import type { EventoSaga } from './records/saga.ts';

/** The record of each topic, in its latest shape (what `decode` returns and `encode` takes). */
export interface TopicRecords {
  'eventos-crear-influencer': EventoCrearInfluencer;
  'eventos-influencers': EventoInfluencerRegistrado;
  'eventos-influencers-error': EventoInfluencerError;
  'comandos-influencers-eliminacion': ComandoEliminarInfluencer;
  'eventos-influencers-eliminados': EventoInfluencerEliminado;
  'comandos-campanas': ComandoCrearCampana;
  'eventos-campanas': EventoCampanaCreada;
  'eventos-campanas-error': EventoCampanaError;
  'eventos-campanas-eliminacion-v2': EventoCampanaEliminacionRequerida;
  'eventos-campanas-eliminadas': EventoCampanaEliminada;
  'comandos-contratos-v2': ComandoCrearContrato;
  'eventos-contratos': EventoContratoCreado;
  'eventos-contratos-error': EventoContratoError;
  'comandos-contratos-eliminacion': ComandoEliminarContrato;
  'eventos-contratos-eliminados': EventoContratoEliminado;
  'eventos-saga': EventoSaga;
}

export type TopicRecord<T extends TopicName> = TopicRecords[T];

/** Fails to compile when the catalogue and this map disagree on the set of topics. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
export const topicRecordsCoverCatalogue: SameKeys<TopicRecords, Record<TopicName, unknown>> = true;

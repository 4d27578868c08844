import type { TopicRecords } from './topicRecords.ts';
import * as campanas from './samples/campanas.ts';
import * as contratos from './samples/contratos.ts';
import * as influencers from './samples/influencers.ts';
import * as saga from './samples/saga.ts';

/** One realistic record per topic, latest shape, all of one sample saga (tests, tools/send-events). */
export const samples: { readonly [T in keyof TopicRecords]: TopicRecords[T] } = {
  'eventos-crear-influencer': influencers.crearInfluencer,
  'eventos-influencers': influencers.influencerRegistrado,
  'eventos-influencers-error': influencers.influencerError,
  'comandos-influencers-eliminacion': influencers.eliminarInfluencer,
  'eventos-influencers-eliminados': influencers.influencerEliminado,
  'comandos-campanas': campanas.crearCampana,
  'eventos-campanas': campanas.campanaCreada,
  'eventos-campanas-error': campanas.campanaError,
  'eventos-campanas-eliminacion-v2': campanas.eliminarCampana,
  'eventos-campanas-eliminadas': campanas.campanaEliminada,
  'comandos-contratos-v2': contratos.crearContrato,
  'eventos-contratos': contratos.contratoCreado,
  'eventos-contratos-error': contratos.contratoError,
  'comandos-contratos-eliminacion': contratos.eliminarContrato,
  'eventos-contratos-eliminados': contratos.contratoEliminado,
  'eventos-saga': saga.transicion,
};

export { sampleIds, sampleTime } from './samples/sampleIds.ts';

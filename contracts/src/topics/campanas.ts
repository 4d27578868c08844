import { avscPath } from '../topicSpec.ts';
import type { TopicSpec } from '../topicSpec.ts';

export const campanaTopics = {
  'comandos-campanas': {
    recordName: 'ComandoCrearCampana',
    payloadName: 'CrearCampanaPayload',
    messageType: 'CrearCampana',
    kind: 'command',
    versions: { v1: avscPath('comandos-campanas', 'v1'), v2: avscPath('comandos-campanas', 'v2') },
    latest: 'v2',
    producer: 'saga',
    consumers: [{ service: 'campanas', subscription: 'campanas-sub-comandos' }],
    key: ['data', 'id'],
    original: true,
    description:
      'Create the welcome campaign. data.id is chosen by the saga (deterministic) and becomes the campaign id (D-03).',
  },
  'eventos-campanas': {
    recordName: 'EventoCampanaCreada',
    payloadName: 'CampanaCreadaPayload',
    messageType: 'CampanaCreada',
    kind: 'event',
    versions: { v1: avscPath('eventos-campanas', 'v1'), v2: avscPath('eventos-campanas', 'v2') },
    latest: 'v2',
    producer: 'campanas',
    consumers: [{ service: 'saga', subscription: 'saga-sub-eventos-campanas' }],
    key: ['data', 'campana_id'],
    original: true,
    description: 'Campaign created; step 2 of the saga done.',
  },
  'eventos-campanas-error': {
    recordName: 'EventoCampanaError',
    payloadName: 'CampanaErrorPayload',
    messageType: 'ErrorCreacionCampana',
    kind: 'event',
    versions: { v1: avscPath('eventos-campanas-error', 'v1') },
    latest: 'v1',
    producer: 'campanas',
    consumers: [{ service: 'saga', subscription: 'saga-sub-eventos-campanas-error' }],
    key: ['data', 'id_campana'],
    original: false,
    description:
      'Campaign creation rejected; the saga compensates the influencer. The original never published it (D-07).',
  },
  'eventos-campanas-eliminacion-v2': {
    recordName: 'EventoCampanaEliminacionRequerida',
    payloadName: 'CampanaEliminacionRequeridaPayload',
    messageType: 'EliminarCampana',
    kind: 'command',
    versions: {
      v1: avscPath('eventos-campanas-eliminacion-v2', 'v1'),
      v2: avscPath('eventos-campanas-eliminacion-v2', 'v2'),
    },
    latest: 'v2',
    producer: 'saga',
    consumers: [{ service: 'campanas', subscription: 'campanas-sub-eventos-eliminacion-v2' }],
    key: ['data', 'campana_id'],
    original: true,
    description:
      'Compensation: delete the campaign (a command despite the topic name). Only this record goes here; the confirmation has its own topic (D-14).',
  },
  'eventos-campanas-eliminadas': {
    recordName: 'EventoCampanaEliminada',
    payloadName: 'CampanaEliminadaPayload',
    messageType: 'CampanaEliminada',
    kind: 'event',
    versions: { v1: avscPath('eventos-campanas-eliminadas', 'v1') },
    latest: 'v1',
    producer: 'campanas',
    consumers: [{ service: 'saga', subscription: 'saga-sub-eventos-campanas-eliminadas' }],
    key: ['data', 'campana_id'],
    original: false,
    description:
      'Confirmation of EliminarCampana, also when there was nothing to delete. The original sent it to the deletion topic (D-14).',
  },
} as const satisfies Record<string, TopicSpec>;

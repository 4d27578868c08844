import { avscPath } from '../topicSpec.ts';
import type { TopicSpec } from '../topicSpec.ts';

export const sagaTopics = {
  'eventos-saga': {
    recordName: 'EventoSaga',
    payloadName: 'SagaTransicionPayload',
    messageType: 'TransicionSaga',
    kind: 'event',
    versions: { v1: avscPath('eventos-saga', 'v1') },
    latest: 'v1',
    producer: 'saga',
    consumers: [{ service: 'bff', subscription: '(non-durable reader per BFF instance)' }],
    key: ['data', 'id_correlacion'],
    original: false,
    description: 'Every transition of every saga (the saga log as events); the BFF streams it over SSE.',
  },
} as const satisfies Record<string, TopicSpec>;

// Produces `eventos-saga` messages as the saga service would: the tests feed the stream themselves.
import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoSaga, SagaTransicionPayload } from '@alpes/contracts';
import { avroSchema, messageIdToString } from '@alpes/pulsar';
import type { PulsarClient } from '@alpes/pulsar';
import { randomUUID } from 'node:crypto';

export type Transicion = Partial<SagaTransicionPayload> & { readonly id_correlacion: string; readonly evento: string };

export function transicion(t: Transicion): EventoSaga {
  return {
    data: {
      id_influencer: null,
      paso: null,
      index_paso: null,
      estado_saga: 'en_curso',
      estado_paso: null,
      comando: null,
      evento_origen: null,
      compensacion: null,
      error_codigo: null,
      error: null,
      exitosa: null,
      fecha_evento: new Date().toISOString(),
      detalle: null,
      ...t,
    },
    message_id: randomUUID(),
    message_type: 'TransicionSaga',
    correlation_id: t.id_correlacion,
    causation_id: null,
    occurred_at: Date.now(),
    producer_service: 'saga',
  };
}

/** A producer of saga transitions; `send` resolves with the message id string (the SSE `id`). */
export async function sagaEventProducer(client: PulsarClient, topic: string) {
  const producer = await client.createProducer({
    topic,
    schema: avroSchema<EventoSaga>(schemaText('eventos-saga', latestVersion('eventos-saga'))),
    batching: false,
  });
  return {
    send: async (t: Transicion): Promise<string> =>
      messageIdToString(await producer.send({ key: t.id_correlacion, value: transicion(t) })),
    sendAll: async (ts: readonly Transicion[]): Promise<string[]> => {
      const ids: string[] = [];
      for (const t of ts)
        ids.push(await producer.send({ key: t.id_correlacion, value: transicion(t) }).then(messageIdToString));
      return ids;
    },
    close: () => producer.close(),
  };
}

/** The transitions of a saga that completes: start, three steps started and completed, end. */
export function sagaCompletada(idCorrelacion: string, idInfluencer: string): Transicion[] {
  const base = { id_correlacion: idCorrelacion, id_influencer: idInfluencer };
  const pasos = (['influencer', 'campana', 'contrato'] as const).flatMap((paso, index) => [
    { ...base, evento: 'PasoIniciado', paso, index_paso: index, estado_paso: 'en_curso' },
    { ...base, evento: 'PasoCompletado', paso, index_paso: index, estado_paso: 'completado', exitosa: true },
  ]);
  return [
    { ...base, evento: 'SagaIniciada' },
    ...pasos,
    { ...base, evento: 'SagaCompletada', estado_saga: 'completada', exitosa: true },
  ];
}

import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoSaga } from '@alpes/contracts';
import { avroSchema, createPulsarClient } from '@alpes/pulsar';

/** When each saga ended, seen on `eventos-saga` by a non-durable reader (no polling of the services). */
export interface Completions {
  readonly completed: ReadonlyMap<string, number>;
  /** Sagas that ended otherwise (compensada / fallida). */
  readonly otherEnds: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

export async function watchCompletions(pulsarUrl: string, namespace: string): Promise<Completions> {
  const client = createPulsarClient({ serviceUrl: pulsarUrl });
  const schema = avroSchema<EventoSaga>(schemaText('eventos-saga', latestVersion('eventos-saga')));
  const reader = await client.createReader({
    topic: `persistent://${namespace}/eventos-saga`,
    startMessageId: 'latest',
    schema,
    receiverQueueSize: 5000,
  });
  const completed = new Map<string, number>();
  const otherEnds = new Map<string, string>();
  let open = true;
  const loop = (async () => {
    while (open) {
      const message = await reader.readNext(1000).catch(async () => {
        await new Promise((r) => setTimeout(r, 10));
        return undefined;
      });
      const data = message?.value.data;
      if (!data?.id_correlacion) continue;
      if (data.evento === 'SagaCompletada') completed.set(data.id_correlacion, Date.now());
      else if (data.evento === 'SagaCompensada' || data.evento === 'SagaFallida')
        otherEnds.set(data.id_correlacion, data.evento);
    }
  })();
  return {
    completed,
    otherEnds,
    close: async () => {
      open = false;
      await loop;
      await reader.close();
      await client.close();
    },
  };
}

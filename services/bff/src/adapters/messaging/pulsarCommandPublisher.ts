import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoCrearInfluencer } from '@alpes/contracts';
import { avroSchema } from '@alpes/pulsar';
import { traceProperties } from '@alpes/service-kit';
import type { Producer, PulsarClient } from '@alpes/pulsar';
import { PublisherUnavailable } from '../../application/ports.ts';
import type { CommandPublisher } from '../../application/ports.ts';

export interface PulsarCommandPublisherOptions {
  readonly client: PulsarClient;
  readonly topic: string;
  /** Longest wait for the broker (producer creation + receipt) before answering 503. */
  readonly sendTimeoutMs: number;
}

/**
 * Publishes `CrearInfluencer` commands through one producer, created on first use and re-created after a
 * failure. A send that times out is failed by the producer (never resent later); if the broker did store it
 * before the receipt was lost, the deterministic `message_id` makes the copy harmless downstream.
 */
export function createPulsarCommandPublisher(
  options: PulsarCommandPublisherOptions,
): CommandPublisher & { close(): Promise<void> } {
  const schema = avroSchema<EventoCrearInfluencer>(
    schemaText('eventos-crear-influencer', latestVersion('eventos-crear-influencer')),
  );
  let producer: Promise<Producer<EventoCrearInfluencer>> | undefined;
  const producerNow = (): Promise<Producer<EventoCrearInfluencer>> => {
    producer ??= options.client.createProducer({
      topic: options.topic,
      schema,
      sendTimeoutMs: options.sendTimeoutMs,
      batching: false,
    });
    const created = producer;
    // Only a rejected creation is forgotten: a slow one stays shared, so no producer is ever leaked.
    created.catch(() => {
      if (producer === created) producer = undefined;
    });
    return created;
  };
  const withinTimeout = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    bounded(work(), options.sendTimeoutMs, `${what} on ${options.topic}`);
  return {
    publish: async ({ key, value }) => {
      await withinTimeout('publishing', async () =>
        (await producerNow()).send({
          // The request's trace goes on with the command (issue 18); no property when tracing is off.
          key,
          value,
          eventTime: value.occurred_at ?? undefined,
          properties: traceProperties(value.correlation_id ? { id_correlacion: value.correlation_id } : {}),
        }),
      );
    },
    ready: async () => {
      await withinTimeout('creating the producer', producerNow);
    },
    close: async () => {
      if (producer) await (await producer.catch(() => undefined))?.close();
    },
  };
}

async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PublisherUnavailable(`the broker did not answer within ${ms} ms (${what})`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    if (error instanceof PublisherUnavailable) throw error;
    throw new PublisherUnavailable(`the broker refused or failed ${what}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

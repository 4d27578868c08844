import type { Consumer, PulsarClient } from '@alpes/pulsar';
import type { PostgresEventStore, RetryOptions } from '@alpes/eventstore/postgres';
import { startConsumer } from '@alpes/service-kit';
import type { Logger, ServiceMetrics } from '@alpes/service-kit';
import { crearContratoHandler } from './crearContratoHandler.ts';
import { eliminarContratoHandler } from './eliminarContratoHandler.ts';
import { subscriptionOf, type CommandTopic } from './subscriptions.ts';

export interface ConsumersOptions {
  readonly client: PulsarClient;
  readonly store: PostgresEventStore;
  readonly log: Logger;
  readonly metrics?: Pick<ServiceMetrics, 'consumed' | 'handled'>;
  /** Physical topic per catalogue topic (full names; tests use unique ones). The catalogue topic sets the schema. */
  readonly topics?: Partial<Record<CommandTopic, string>>;
  readonly maxRedeliveries?: number;
  readonly retryDelayMs?: number;
  /** Messages handled at once per consumer (Key_Shared keeps per-key order only with 1). */
  readonly concurrency?: number;
  readonly clock?: () => number;
  readonly retry?: RetryOptions;
}

type Handle<A extends unknown[]> = (...args: A) => Promise<void>;

function timed<A extends unknown[]>(options: ConsumersOptions, topic: CommandTopic, handle: Handle<A>): Handle<A> {
  return async (...args) => {
    const end = options.metrics?.handled.startTimer({ topic });
    try {
      await handle(...args);
    } finally {
      end?.();
    }
  };
}

function common(options: ConsumersOptions) {
  return {
    client: options.client,
    type: 'Key_Shared',
    log: options.log,
    consumed: options.metrics?.consumed,
    maxRedeliveries: options.maxRedeliveries,
    retryDelayMs: options.retryDelayMs,
    concurrency: options.concurrency,
  } as const;
}

/** Subscribes to both command topics (Key_Shared, from Earliest); close the returned consumers on shutdown. */
export async function startContratosConsumers(options: ConsumersOptions): Promise<Consumer<unknown>[]> {
  const deps = { store: options.store, log: options.log, clock: options.clock ?? Date.now, retry: options.retry };
  const consumers: Consumer<unknown>[] = [];
  try {
    consumers.push(
      (await startConsumer({
        ...common(options),
        topic: 'comandos-contratos-v2',
        topicName: options.topics?.['comandos-contratos-v2'],
        subscription: subscriptionOf('comandos-contratos-v2'),
        handle: timed(options, 'comandos-contratos-v2', crearContratoHandler(deps)),
      })) as Consumer<unknown>,
    );
    consumers.push(
      (await startConsumer({
        ...common(options),
        topic: 'comandos-contratos-eliminacion',
        topicName: options.topics?.['comandos-contratos-eliminacion'],
        subscription: subscriptionOf('comandos-contratos-eliminacion'),
        handle: timed(options, 'comandos-contratos-eliminacion', eliminarContratoHandler(deps)),
      })) as Consumer<unknown>,
    );
  } catch (error) {
    await Promise.allSettled(consumers.map((consumer) => consumer.close()));
    throw error;
  }
  return consumers;
}

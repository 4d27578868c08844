import { catalogue, subscriptionOf, type TopicName, type TopicRecords } from '@alpes/contracts';
import type { Consumer, Message, PulsarClient } from '@alpes/pulsar';
import { logOutcome, messageContext, startConsumer, type Logger, type ServiceMetrics } from '@alpes/service-kit';
import { crearCampana } from '../../application/crearCampana.ts';
import { eliminarCampana } from '../../application/eliminarCampana.ts';
import type { CampanaCommandRunner, CommandOutcome, MessageContext } from '../../application/ports.ts';
import { toCrearCampana } from './toCrearCampana.ts';
import { toEliminarCampana } from './toEliminarCampana.ts';

/** Physical topics (full names) to read instead of the catalogue's, e.g. per-test unique topics; the schema stays the catalogue's. */
export interface CampanaTopics {
  readonly crear?: string;
  readonly eliminar?: string;
}

export interface CampanaConsumersOptions {
  readonly client: PulsarClient;
  readonly runner: CampanaCommandRunner;
  readonly now: () => number;
  readonly log: Logger;
  readonly metrics?: ServiceMetrics;
  readonly topics?: CampanaTopics;
  readonly maxRedeliveries?: number;
  readonly retryDelayMs?: number;
  /** Messages handled at once per topic (default 1: strict per-key order). */
  readonly concurrency?: number;
}

type Handler<T extends TopicName> = (
  record: TopicRecords[T],
  message: Message<TopicRecords[T]>,
) => Promise<CommandOutcome & { context: MessageContext }>;

async function consume<T extends TopicName>(
  options: CampanaConsumersOptions,
  topic: T,
  topicName: string | undefined,
  handle: Handler<T>,
): Promise<Consumer<TopicRecords[T]>> {
  const { client, log, metrics } = options;
  return startConsumer({
    client,
    topic,
    topicName,
    subscription: subscriptionOf('campanas', topic),
    type: 'Key_Shared',
    log,
    consumed: metrics?.consumed,
    maxRedeliveries: options.maxRedeliveries,
    retryDelayMs: options.retryDelayMs,
    concurrency: options.concurrency,
    handle: async (record, message) => {
      const stop = metrics?.handled.startTimer({ topic });
      const { context, ...result } = await handle(record, message);
      const fields = { topic, inboxId: context.inboxId, correlationId: context.correlationId };
      logOutcome(log, catalogue[topic].messageType, fields, result);
      stop?.();
    },
  });
}

/**
 * The service's two Key_Shared subscriptions (catalogue names): `comandos-campanas` → CrearCampana and
 * `eventos-campanas-eliminacion-v2` → EliminarCampana. Each closes on its own.
 */
export async function startCampanaConsumers(options: CampanaConsumersOptions): Promise<readonly Consumer<unknown>[]> {
  const deps = { runner: options.runner };
  const crear = await consume(options, 'comandos-campanas', options.topics?.crear, async (record, message) => {
    const context = messageContext(record, message, {
      influencerId: record.data?.influencer_origen_id,
      now: options.now(),
    });
    return { ...(await crearCampana(deps, toCrearCampana(record, context.now), context)), context };
  });
  const eliminar = await consume(
    options,
    'eventos-campanas-eliminacion-v2',
    options.topics?.eliminar,
    async (record, message) => {
      const context = messageContext(record, message, { influencerId: record.data?.influencer_id, now: options.now() });
      return { ...(await eliminarCampana(deps, toEliminarCampana(record, context.now), context)), context };
    },
  ).catch(async (error: unknown) => {
    await crear.close();
    throw error;
  });
  return [crear, eliminar] as unknown as readonly Consumer<unknown>[];
}

import { catalogue, type TopicName, type TopicRecords } from '@alpes/contracts';
import type { Consumer, Message, PulsarClient } from '@alpes/pulsar';
import { startConsumer, type Logger, type ServiceMetrics } from '@alpes/service-kit';
import { crearCampana } from '../../application/crearCampana.ts';
import { eliminarCampana } from '../../application/eliminarCampana.ts';
import type { CampanaCommandRunner, CommandOutcome, MessageContext } from '../../application/ports.ts';
import { messageContext } from './messageContext.ts';
import { solicitudCampana, solicitudEliminacion } from './solicitudes.ts';

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

function subscriptionOf(topic: TopicName): string {
  const own = catalogue[topic].consumers.find((c) => c.service === 'campanas');
  if (own === undefined) throw new Error(`the catalogue lists no campanas subscription on ${topic}`);
  return own.subscription;
}

function logOutcome(log: Logger, topic: TopicName, result: CommandOutcome & { context: MessageContext }): void {
  const fields = { topic, inboxId: result.context.inboxId, correlationId: result.context.correlationId };
  if (result.outcome === 'rejected')
    log('info', `${catalogue[topic].messageType} refused`, {
      ...fields,
      code: result.error.code,
      error: result.error.message,
    });
  else log('debug', `${catalogue[topic].messageType} ${result.outcome}`, fields);
}

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
    subscription: subscriptionOf(topic),
    type: 'Key_Shared',
    log,
    consumed: metrics?.consumed,
    maxRedeliveries: options.maxRedeliveries,
    retryDelayMs: options.retryDelayMs,
    concurrency: options.concurrency,
    handle: async (record, message) => {
      const stop = metrics?.handled.startTimer({ topic });
      logOutcome(log, topic, await handle(record, message));
      stop?.();
    },
  });
}

/**
 * The service's two Key_Shared subscriptions (catalogue names): `comandos-campanas` → CrearCampana and
 * `eventos-campanas-eliminacion-v2` → EliminarCampana. Each closes on its own.
 */
export async function startCampanaConsumers(options: CampanaConsumersOptions): Promise<readonly Consumer<unknown>[]> {
  const deps = { runner: options.runner, now: options.now };
  const crear = await consume(options, 'comandos-campanas', options.topics?.crear, async (record, message) => {
    const context = messageContext(record, message, record.data?.influencer_origen_id);
    return { ...(await crearCampana(deps, solicitudCampana(record), context)), context };
  });
  const eliminar = await consume(
    options,
    'eventos-campanas-eliminacion-v2',
    options.topics?.eliminar,
    async (record, message) => {
      const context = messageContext(record, message, record.data?.influencer_id);
      return { ...(await eliminarCampana(deps, solicitudEliminacion(record), context)), context };
    },
  ).catch(async (error: unknown) => {
    await crear.close();
    throw error;
  });
  return [crear, eliminar] as unknown as readonly Consumer<unknown>[];
}

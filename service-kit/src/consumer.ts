import {
  avroSchema,
  messageIdToString,
  type Consumer,
  type Message,
  type PulsarClient,
  type SubscriptionType,
} from '@alpes/pulsar';
import {
  catalogue,
  fullTopicName,
  latestVersion,
  schemaText,
  type TopicName,
  type TopicRecords,
} from '@alpes/contracts';
import type { Counter } from 'prom-client';
import type { Logger } from './logger.ts';
import { DEFAULT_CONCURRENCY } from './serviceConfig.ts';
import { inSpan } from './tracing.ts';
import { isTransientInfrastructureFailure } from './transientFailure.ts';

/** How long a handler whose database is unreachable is retried in place before the message is nacked after all. */
const IN_PLACE_RETRY_MS = 120_000;
const IN_PLACE_FIRST_WAIT_MS = 250;
const IN_PLACE_MAX_WAIT_MS = 5000;

export interface ConsumerOptions<T extends TopicName> {
  readonly client: PulsarClient;
  readonly topic: T;
  /** Physical topic to subscribe to (full name), e.g. a per-test unique topic; defaults to the catalogue topic. */
  readonly topicName?: string;
  readonly subscription: string;
  /** Key_Shared keeps per-aggregate order across instances; default Key_Shared. */
  readonly type?: Extract<SubscriptionType, 'Key_Shared' | 'Shared' | 'Failover'>;
  /**
   * Handles one message. Resolve → acked (after the handler's transaction committed). Reject →
   * redelivered after `retryDelayMs`, and moved to the dead-letter topic after `maxRedeliveries`.
   */
  readonly handle: (record: TopicRecords[T], message: Message<TopicRecords[T]>) => Promise<void>;
  readonly log: Logger;
  readonly consumed?: Counter<'topic' | 'outcome'>;
  readonly maxRedeliveries?: number;
  readonly retryDelayMs?: number;
  /** Messages handled at once (default 8); messages of one key run one at a time, in order. */
  readonly concurrency?: number;
}

/**
 * Subscribes from Earliest with the topic's latest schema: each message is decoded with its writer's
 * schema version and resolved to the latest (v1 messages of the original tools read as v2 with a null
 * envelope). A message that cannot be decoded or handled is retried, then dead-lettered to
 * `<topic>-<subscription>-DLQ`; the consumer goes on. A handler that fails because PostgreSQL cannot be reached
 * is retried in place first (`retriedInPlace`): an outage is not the message's fault.
 */
export async function startConsumer<T extends TopicName>(
  options: ConsumerOptions<T>,
): Promise<Consumer<TopicRecords[T]>> {
  const topic = options.topicName ?? fullTopicName(options.topic);
  const maxRedeliverCount = options.maxRedeliveries ?? 5;
  return options.client.subscribe<TopicRecords[T]>({
    topic,
    subscription: options.subscription,
    type: options.type ?? 'Key_Shared',
    initialPosition: 'Earliest',
    schema: avroSchema<TopicRecords[T]>(schemaText(options.topic, latestVersion(options.topic))),
    nackRedeliveryDelayMs: options.retryDelayMs ?? 1000,
    // Retries back off: 1×, 2×, 4× … the retry delay, at most 30 s apart.
    nackBackoff: { multiplier: 2, maxDelayMs: Math.max(30_000, options.retryDelayMs ?? 1000) },
    deadLetter: { maxRedeliverCount },
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    handler: (message) =>
      inSpan(
        {
          name: `${options.topic} process`,
          kind: 'consumer',
          carrier: message.properties,
          attributes: spanAttributes(options, message),
        },
        async () => {
          assertBelongs(options.topic, message.value);
          await retriedInPlace(
            () => options.handle(message.value, message),
            (error, waitMs) =>
              options.log('warn', 'database unreachable; retrying the message in place', {
                ...logContext(options, message),
                retryInMs: waitMs,
                err: error,
              }),
          );
          options.consumed?.inc({ topic: options.topic, outcome: 'ok' });
          options.log('debug', 'message handled', logContext(options, message));
        },
      ),
    onHandlerError: (error, message) => {
      const last = message.redeliveryCount >= maxRedeliverCount;
      options.consumed?.inc({ topic: options.topic, outcome: last ? 'dead_lettered' : 'retried' });
      options.log(last ? 'error' : 'warn', last ? 'message dead-lettered' : 'message failed; will be redelivered', {
        ...logContext(options, message),
        redelivery: message.redeliveryCount,
        err: error,
      });
    },
  });
}

/**
 * Runs `work`; while it fails because the database cannot be reached, waits (backing off) and runs it again,
 * for up to two minutes — the consumer holds the message meanwhile, and the slots it uses stop taking more. A
 * failure of any other kind, or one that outlasts the bound, goes to the redelivery and dead-letter path.
 */
async function retriedInPlace(
  work: () => Promise<void>,
  onRetry: (error: unknown, waitMs: number) => void,
): Promise<void> {
  const giveUpAt = Date.now() + IN_PLACE_RETRY_MS;
  for (let waitMs = IN_PLACE_FIRST_WAIT_MS; ; waitMs = Math.min(waitMs * 2, IN_PLACE_MAX_WAIT_MS)) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientInfrastructureFailure(error) || Date.now() + waitMs > giveUpAt) throw error;
      onRetry(error, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/**
 * A record whose envelope names another message type was sent to the wrong topic: topics that share a record
 * layout (`InfluencerEliminado` and `EliminarInfluencer`, …) decode each other's bytes, and an event would be
 * executed as a command (issue 9's fuzzer). It fails like any unusable message. v1 records carry no type.
 */
function assertBelongs(topic: TopicName, record: unknown): void {
  const type = (record as { message_type?: unknown } | null)?.message_type;
  const expected = catalogue[topic].messageType;
  if (type !== null && type !== undefined && type !== expected)
    throw new Error(`a ${String(type)} message on ${topic}, which carries only ${expected}`);
}

/** What every consumer log line carries: topic, subscription, message id and, when the envelope has it, the saga id. */
function logContext(
  options: { topic: string; subscription: string },
  message: Message<unknown>,
): Record<string, unknown> {
  const sagaId = message.properties['id_correlacion'] ?? envelopeCorrelation(message);
  return {
    topic: options.topic,
    subscription: options.subscription,
    messageId: messageIdToString(message.messageId),
    ...(typeof sagaId === 'string' ? { id_correlacion: sagaId } : {}),
  };
}

function envelopeCorrelation(message: Message<unknown>): unknown {
  try {
    return (message.value as { correlation_id?: unknown } | null)?.correlation_id;
  } catch {
    return undefined; // an undecodable message: its failure is what is being logged
  }
}

/** The consumer span's attributes: OpenTelemetry's messaging names, and the saga id (issue 18). */
function spanAttributes(
  options: { topic: string; subscription: string },
  message: Message<unknown>,
): Record<string, string> {
  const context = logContext(options, message);
  return {
    'messaging.system': 'pulsar',
    'messaging.destination.name': options.topic,
    'messaging.consumer.group.name': options.subscription,
    'messaging.message.id': String(context['messageId']),
    ...(typeof context['id_correlacion'] === 'string' ? { 'alpes.id_correlacion': context['id_correlacion'] } : {}),
  };
}

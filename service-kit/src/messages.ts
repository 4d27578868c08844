import {
  catalogue,
  encode,
  latestVersion,
  messageKey,
  type Envelope,
  type SchemaVersion,
  type ServiceName,
  type TopicName,
  type TopicRecords,
} from '@alpes/contracts';
import type { OutboxMessage } from '@alpes/eventstore';
import { traceProperties } from './tracing.ts';

export interface EnvelopeOptions {
  readonly messageId: string;
  readonly messageType: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly occurredAt: number;
  readonly producer: ServiceName;
}

/** The v2 envelope fields (ARCHITECTURE §4), in wire order. */
export function envelope(options: EnvelopeOptions): Envelope {
  return {
    message_id: options.messageId,
    message_type: options.messageType,
    correlation_id: options.correlationId,
    causation_id: options.causationId,
    occurred_at: options.occurredAt,
    producer_service: options.producer,
  };
}

export interface OutboxOptions {
  /** Defaults to the catalogue's key path of the topic (the aggregate id). */
  readonly key?: string;
  readonly eventTime: number;
  readonly version?: SchemaVersion;
  readonly properties?: Readonly<Record<string, string>>;
}

/**
 * The envelope of a message `producer` writes on `topic` because of a consumed message: its saga and its cause
 * come from that message's context (`messageContext`), the type from the catalogue.
 */
export function envelopeCausedBy(
  producer: ServiceName,
  topic: TopicName,
  message: { readonly messageId: string; readonly occurredAt: number },
  context: { readonly correlationId: string | null; readonly causationId: string },
): Envelope {
  return envelope({
    messageId: message.messageId,
    messageType: catalogue[topic].messageType,
    correlationId: context.correlationId,
    causationId: context.causationId,
    occurredAt: message.occurredAt,
    producer,
  });
}

/** An outbox row for a catalogue topic: Avro-encoded with the topic's schema (latest by default). */
export function outboxMessage<T extends TopicName>(
  topic: T,
  record: TopicRecords[T],
  options: OutboxOptions,
): OutboxMessage {
  const version = options.version ?? latestVersion(topic);
  const key = options.key ?? messageKey(topic, record);
  if (key === undefined) throw new Error(`no message key for ${topic}: the record lacks its key field`);
  return {
    topic,
    key,
    value: encode(topic, record, version),
    schemaVersion: Number(version.slice(1)),
    // The handler's trace goes on with the message: the relay's publish and the next consumer continue it.
    properties: traceProperties({ ...correlationOf(record), ...options.properties }),
    eventTime: options.eventTime,
  };
}

/**
 * The saga id as a message property: the relay, which never decodes payloads, logs it with each message it
 * publishes, so one registration can be followed through every process's log (issue 18).
 */
function correlationOf(record: unknown): Record<string, string> {
  const id = (record as { correlation_id?: unknown } | null)?.correlation_id;
  return typeof id === 'string' && id !== '' ? { id_correlacion: id } : {};
}

import type { MessageId, Producer, PulsarClient, Schema } from '@alpes/pulsar';
import type { OutboxRow } from '@alpes/eventstore/postgres';
import { startSpan } from '@alpes/service-kit';

/** Avro text for a topic version, or undefined to publish the bytes without a registered schema. */
export type SchemaResolver = (topic: string, version: number) => string | undefined;

/** Builds the Pulsar schema that sends pre-encoded bytes while registering `definition`. */
export type RawSchemaFactory = (definition: string | undefined) => Schema<Uint8Array>;

interface PublisherOptions {
  readonly client: PulsarClient;
  readonly schema: string;
  readonly resolveSchema: SchemaResolver;
  readonly rawSchema: RawSchemaFactory;
  /** Namespace for short topic names. */
  readonly namespace?: string;
  readonly onPublished?: (sent: SentRow) => void;
}

export interface SentRow {
  readonly row: OutboxRow;
  /** Undefined when the broker already had it (sequence id at or below the producer's last one). */
  readonly messageId: MessageId | undefined;
}

/**
 * One producer per (topic, schema version), named after the relay's schema and the topic so that
 * broker deduplication recognises a restarted relay; sequence id = the row's publish sequence.
 */
export function createPublisher(options: PublisherOptions) {
  const producers = new Map<string, Promise<Producer<Uint8Array>>>();

  const producerFor = (row: OutboxRow) => {
    const id = `${row.topic}#${row.schemaVersion}`;
    let producer = producers.get(id);
    if (!producer) {
      const topic = fullTopicName(row.topic, options.namespace);
      producer = options.client.createProducer({
        topic,
        schema: options.rawSchema(options.resolveSchema(row.topic, row.schemaVersion)),
        producerName: `relay-${options.schema}-${shortName(row.topic)}-v${row.schemaVersion}`,
        // One key per batch: a Key_Shared subscription routes a whole entry by one key, so a batch of several
        // keys would take them all to one consumer and split a key's messages across instances.
        batching: { maxDelayMs: 1, maxMessages: 1000, keyBased: true },
        sendTimeoutMs: 30_000,
      });
      producer.catch(() => producers.delete(id));
      producers.set(id, producer);
    }
    return producer;
  };

  /**
   * Sends every row (in order per producer) and resolves once the broker confirmed them all. The rows go
   * out at once: each producer's batch is flushed after the last row, not after its batching window.
   */
  const publish = async (rows: readonly OutboxRow[]): Promise<SentRow[]> => {
    const ready = await Promise.all(rows.map(producerFor));
    const sends = rows.map(async (row, i): Promise<SentRow> => {
      const producer = ready[i] as Producer<Uint8Array>;
      const sequenceId = Number(row.relaySeq);
      if (sequenceId <= producer.lastSequenceId) return { row, messageId: undefined };
      // The publish continues the trace of the transaction that wrote the row; the consumer continues this span.
      const { span, properties } = startSpan({
        name: `${shortName(row.topic)} publish`,
        kind: 'producer',
        carrier: row.properties,
      });
      try {
        const messageId = await producer.send({
          value: row.value,
          key: row.key,
          properties: { ...row.properties, ...properties },
          eventTime: row.eventTime,
          sequenceId,
        });
        options.onPublished?.({ row, messageId });
        return { row, messageId };
      } finally {
        span.end();
      }
    });
    for (const producer of new Set(ready)) producer.flush().catch(() => undefined); // failures surface through the sends
    return Promise.all(sends);
  };

  const close = async () => {
    const all = [...producers.values()];
    producers.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  };

  return { publish, close };
}

export type Publisher = ReturnType<typeof createPublisher>;

export function fullTopicName(topic: string, namespace = 'public/default'): string {
  return topic.includes('://') ? topic : `persistent://${namespace}/${topic}`;
}

function shortName(topic: string): string {
  return topic.split('/').pop() ?? topic;
}

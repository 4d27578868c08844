import type { PulsarAdmin } from '@alpes/infra/pulsarAdmin';
import {
  DEAD_LETTER_ORIGINAL_TOPIC,
  DEAD_LETTER_REASON,
  DEAD_LETTER_REDELIVERIES,
  rawAvroSchema,
  type Message,
  type Producer,
  type PulsarClient,
} from '@alpes/pulsar';
import { createDecoder } from './decode.ts';
import type { DeadLetterTopic } from './inventory.ts';
import { idOf, withDeadLetters } from './peek.ts';

export const REPLAYED_FROM = 'alpes-replayed-from';
const DEAD_LETTER_ONLY = new Set([DEAD_LETTER_REASON, DEAD_LETTER_REDELIVERIES, 'REAL_TOPIC']);

export interface ReplayOptions {
  /** One message id (`ledger:entry:partition:batch`), or every dead letter when undefined. */
  readonly messageId?: string;
  readonly limit?: number;
  /** Publish a copy and leave the dead letter in place (to try a fix on one message first). */
  readonly keep?: boolean;
}

/**
 * Republishes dead letters to their original topic (same key, properties and event time, with the schema
 * version they carry), then acknowledges each on the dead-letter subscription. Effectively once: a replay
 * interrupted between the publish and the ack republishes the message when run again, and the consumer's
 * inbox (keyed by the envelope's `message_id`) drops the second copy; a finished replay leaves nothing to
 * replay again.
 */
export async function replayDeadLetters(
  client: PulsarClient,
  admin: PulsarAdmin,
  dead: DeadLetterTopic,
  options: ReplayOptions = {},
): Promise<string[]> {
  const decoder = createDecoder(admin, dead.topic);
  const producers = new Map<string, Promise<Producer<Uint8Array>>>();
  const producerFor = async (topic: string, version: number | undefined) => {
    const key = `${topic}@${String(version)}`;
    if (!producers.has(key)) {
      const info = await decoder.schemaOf(version);
      producers.set(
        key,
        client.createProducer({
          topic,
          schema: rawAvroSchema(info?.data, { properties: info?.properties }),
          batching: false,
        }),
      );
    }
    return producers.get(key) as Promise<Producer<Uint8Array>>;
  };
  try {
    return await withDeadLetters(client, dead, options.limit ?? Number.MAX_SAFE_INTEGER, async (messages) => {
      const chosen = messages.filter((m) => options.messageId === undefined || idOf(m) === options.messageId);
      if (options.messageId !== undefined && chosen.length === 0)
        throw new Error(`no dead letter ${options.messageId} on ${dead.topic}`);
      for (const m of chosen) {
        await republish(m, await producerFor(originalTopicOf(m, dead), m.schemaVersion));
        if (!options.keep) m.ack();
      }
      return chosen.map(idOf);
    });
  } finally {
    await Promise.allSettled([...producers.values()].map(async (p) => (await p).close()));
  }
}

async function republish(m: Message<Uint8Array>, producer: Producer<Uint8Array>): Promise<void> {
  const properties = Object.fromEntries(Object.entries(m.properties).filter(([name]) => !DEAD_LETTER_ONLY.has(name)));
  await producer.send({
    value: m.value,
    key: m.key,
    eventTime: m.eventTime,
    properties: { ...properties, [REPLAYED_FROM]: idOf(m) },
  });
}

function originalTopicOf(m: Message<unknown>, dead: DeadLetterTopic): string {
  const topic = m.properties[DEAD_LETTER_ORIGINAL_TOPIC] ?? dead.originalTopic;
  if (!topic) throw new Error(`dead letter ${idOf(m)} names no original topic`);
  return topic;
}

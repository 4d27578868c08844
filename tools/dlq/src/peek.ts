import { bytesSchema, messageIdToString, type Message, type PulsarClient } from '@alpes/pulsar';
import type { DeadLetterTopic } from './inventory.ts';

const RECEIVE_TIMEOUT_MS = 5000;

/**
 * Lends up to `limit` messages of the dead-letter subscription to `use`, which may ack some; the others go
 * back to the subscription when the consumer closes (nothing is lost by looking). Bytes as stored: the
 * payload keeps the schema version it was dead-lettered with.
 */
export async function withDeadLetters<R>(
  client: PulsarClient,
  dead: DeadLetterTopic,
  limit: number,
  use: (messages: readonly Message<Uint8Array>[]) => Promise<R>,
): Promise<R> {
  const consumer = await client.subscribe({
    topic: dead.topic,
    subscription: dead.subscription,
    type: 'Shared',
    initialPosition: 'Earliest',
    schema: bytesSchema(),
    receiverQueueSize: Math.max(1, Math.min(limit, 1000)),
  });
  try {
    const messages: Message<Uint8Array>[] = [];
    const wanted = Math.min(limit, dead.depth);
    while (messages.length < wanted) {
      const next = await consumer.receive(RECEIVE_TIMEOUT_MS).catch(() => undefined);
      if (!next) break;
      messages.push(next);
    }
    return await use(messages);
  } finally {
    await consumer.close();
  }
}

export const idOf = (message: Message<unknown>): string => messageIdToString(message.messageId);

import type { PulsarAdmin } from '@alpes/infra/pulsarAdmin';
import {
  DEAD_LETTER_ORIGINAL_TOPIC,
  DEAD_LETTER_REASON,
  DEAD_LETTER_REDELIVERIES,
  type PulsarClient,
} from '@alpes/pulsar';
import { createDecoder } from './decode.ts';
import type { DeadLetterTopic } from './inventory.ts';
import { idOf, withDeadLetters } from './peek.ts';

/** One dead letter as `dlq show` prints it. */
export interface DeadLetterView {
  readonly messageId: string;
  readonly key: string | undefined;
  readonly publishedAt: string;
  readonly ageSeconds: number;
  /** Redeliveries of the original message before it was dead-lettered. */
  readonly redeliveryCount: number | undefined;
  readonly reason: string | undefined;
  readonly originalTopic: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Decoded with the topic's schema when it can be; `hex` always. */
  readonly value: unknown;
  readonly hex: string;
}

/** Up to `limit` dead letters, oldest first; they stay where they are. */
export async function showDeadLetters(
  client: PulsarClient,
  admin: PulsarAdmin,
  dead: DeadLetterTopic,
  limit: number,
): Promise<DeadLetterView[]> {
  const decoder = createDecoder(admin, dead.topic);
  const now = Date.now();
  return withDeadLetters(client, dead, limit, (messages) =>
    Promise.all(
      messages.map(async (m): Promise<DeadLetterView> => {
        const redeliveries = m.properties[DEAD_LETTER_REDELIVERIES];
        return {
          messageId: idOf(m),
          key: m.key,
          publishedAt: new Date(m.publishTime).toISOString(),
          ageSeconds: Math.round((now - m.publishTime) / 1000),
          redeliveryCount: redeliveries === undefined ? undefined : Number(redeliveries),
          reason: m.properties[DEAD_LETTER_REASON],
          originalTopic: m.properties[DEAD_LETTER_ORIGINAL_TOPIC] ?? dead.originalTopic,
          properties: m.properties,
          value: await decoder.decode(m.value, m.schemaVersion),
          hex: Buffer.from(m.value).toString('hex'),
        };
      }),
    ),
  );
}

/** Age in seconds of the oldest dead letter (undefined when there is none). */
export async function oldestAge(client: PulsarClient, dead: DeadLetterTopic): Promise<number | undefined> {
  if (dead.depth === 0) return undefined;
  return withDeadLetters(client, dead, 1, async ([first]) =>
    first ? Math.round((Date.now() - first.publishTime) / 1000) : undefined,
  );
}

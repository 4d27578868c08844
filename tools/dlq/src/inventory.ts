import type { PulsarAdmin } from '@alpes/infra/pulsarAdmin';

/** One dead-letter subscription: what `dlq list` prints and the relay's gauge exports. */
export interface DeadLetterTopic {
  /** Full name, `persistent://tenant/ns/<topic>-<subscription>-DLQ`. */
  readonly topic: string;
  /** The subscription that retains the dead letters (`<subscription>-DLQ`, created with the topic). */
  readonly subscription: string;
  /** Messages not yet replayed or purged. */
  readonly depth: number;
  /** Where `replay` puts them back (from the name; each message also carries `alpes-original-topic`). */
  readonly originalTopic: string;
  /** The consumer's subscription that dead-lettered them. */
  readonly originalSubscription: string;
}

const DLQ_SUFFIX = '-DLQ';

/**
 * Every dead-letter topic of `namespace` with its depth. The dead-letter topic of subscription `s` on topic
 * `t` is `t-s-DLQ` and keeps its messages in subscription `s-DLQ` (the Pulsar client's convention), so the
 * original topic and subscription follow from the names.
 */
export async function listDeadLetters(admin: PulsarAdmin, namespace: string): Promise<DeadLetterTopic[]> {
  const topics = (await admin.listTopics(namespace)).filter((t) => t.endsWith(DLQ_SUFFIX));
  const found = await Promise.all(
    topics.map(async (topic) => {
      const stats = await admin.topicStats(topic);
      return Object.entries(stats.subscriptions)
        .filter(([name]) => name.endsWith(DLQ_SUFFIX))
        .map(([subscription, sub]) => describe(topic, subscription, sub.msgBacklog));
    }),
  );
  return found.flat().sort((a, b) => a.topic.localeCompare(b.topic));
}

function describe(topic: string, subscription: string, depth: number): DeadLetterTopic {
  const originalSubscription = subscription.slice(0, -DLQ_SUFFIX.length);
  const tail = `-${originalSubscription}${DLQ_SUFFIX}`;
  const originalTopic = topic.endsWith(tail) ? topic.slice(0, -tail.length) : '';
  return { topic, subscription, depth, originalTopic, originalSubscription };
}

/** The DLQ subscription of a dead-letter topic given by its full or short name. */
export async function findDeadLetter(admin: PulsarAdmin, namespace: string, name: string): Promise<DeadLetterTopic> {
  const all = await listDeadLetters(admin, namespace);
  const found = all.find((d) => d.topic === name || d.topic.endsWith(`/${name}`));
  if (!found)
    throw new Error(
      `no dead-letter topic ${name} in ${namespace} (known: ${all.map((d) => d.topic.split('/').pop()).join(', ') || 'none'})`,
    );
  return found;
}

import { readFileSync } from 'node:fs';
import { createPulsarAdmin, type SecureMaterial } from '@alpes/infra';
import { bytesSchema, createPulsarClient } from '@alpes/pulsar';

export interface TopicReport {
  /** `topic / subscription: backlog N, unacked M` for every durable subscription not drained. */
  readonly undrained: string[];
  readonly subscriptionsChecked: number;
  /** Messages in each dead-letter topic (read from the earliest). */
  readonly deadLetters: Record<string, number>;
}

const isDlq = (topic: string) => topic.endsWith('-DLQ');
const shortName = (topic: string) => topic.split('/').pop() ?? topic;

/**
 * Admin stats of every topic of the namespace: msgBacklog = 0 and unackedMessages = 0 on each durable
 * subscription (readers are non-durable and keep no cursor); dead-letter topics are counted, not checked.
 */
export async function inspectTopics(
  adminUrl: string,
  pulsarUrl: string,
  namespace: string,
  secure?: SecureMaterial,
): Promise<TopicReport> {
  const admin = createPulsarAdmin(adminUrl, { token: secure?.adminToken, tlsCaFile: secure?.caFile });
  const topics = await admin.listTopics(namespace);
  const undrained: string[] = [];
  let subscriptionsChecked = 0;
  for (const topic of topics.filter((t) => !isDlq(t))) {
    const stats = await admin.topicStats(topic);
    for (const [name, sub] of Object.entries(stats.subscriptions)) {
      if (sub['isDurable'] === false || name.startsWith('reader-')) continue;
      subscriptionsChecked++;
      if (sub.msgBacklog > 0 || sub.unackedMessages > 0) {
        undrained.push(`${shortName(topic)} / ${name}: backlog ${sub.msgBacklog}, unacked ${sub.unackedMessages}`);
      }
    }
  }
  const deadLetters: Record<string, number> = {};
  const dlqs = topics.filter(isDlq);
  if (dlqs.length > 0) {
    const client = createPulsarClient({
      serviceUrl: pulsarUrl,
      token: secure?.adminToken,
      tls: secure ? { ca: readFileSync(secure.caFile) } : undefined,
    });
    try {
      for (const topic of dlqs) deadLetters[shortName(topic)] = await countMessages(client, topic);
    } finally {
      await client.close();
    }
  }
  return { undrained, subscriptionsChecked, deadLetters };
}

async function countMessages(client: ReturnType<typeof createPulsarClient>, topic: string): Promise<number> {
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema: bytesSchema() });
  let count = 0;
  try {
    while (await reader.hasMessageAvailable()) {
      await reader.readNext(10_000);
      count++;
    }
  } finally {
    await reader.close();
  }
  return count;
}

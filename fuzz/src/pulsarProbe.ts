import { createPulsarAdmin } from '@alpes/infra';
import type { SystemUnderTest } from '@alpes/infra/system';
import { bytesSchema, DEAD_LETTER_REASON, type MessageId, type PulsarClient } from '@alpes/pulsar';
import { fullTopicName, topicNames, type TopicName } from '@alpes/contracts';

/** `ledger:entry`: how a message is named across a producer's receipt and the DLQ's ORIGIN_MESSAGE_ID. */
export const entryOf = (id: MessageId | string): string =>
  typeof id === 'string' ? id.split(':').slice(0, 2).join(':') : `${id.ledgerId}:${id.entryId}`;

/** Durable subscriptions with a connected consumer, per catalogue topic: who really consumes what. */
export async function liveSubscriptions(system: SystemUnderTest): Promise<Map<TopicName, string[]>> {
  const admin = createPulsarAdmin(system.settings.pulsarAdminUrl);
  const live = new Map<TopicName, string[]>();
  for (const topic of topicNames) {
    const stats = await admin.topicStats(fullTopicName(topic, system.settings.namespace)).catch(() => undefined);
    const subscriptions = Object.entries(stats?.subscriptions ?? {})
      .filter(([name, s]) => s['isDurable'] !== false && s.consumers.length > 0 && !name.endsWith('-DLQ'))
      .map(([name]) => name);
    live.set(topic, subscriptions.sort());
  }
  return live;
}

/**
 * Messages not yet acked on the durable subscriptions of the namespace, e.g. `saga-sub-x@eventos-x: 3/0`
 * (backlog/unacked). The proof is `msgBacklog` — computed from the subscription's cursor, it counts every entry
 * not acknowledged. The broker's `unackedMessages` is a dispatcher counter known to drift after redeliveries on
 * Shared subscriptions (apache/pulsar#11979, still open; seen here after poison floods: backlog 0, unacked 1–3),
 * so it is reported but does not count as pending on its own.
 */
export async function backlogs(system: SystemUnderTest): Promise<string[]> {
  const admin = createPulsarAdmin(system.settings.pulsarAdminUrl);
  const pending: string[] = [];
  for (const topic of await admin.listTopics(system.settings.namespace)) {
    if (topic.endsWith('-DLQ')) continue;
    const stats = await admin.topicStats(topic);
    for (const [name, s] of Object.entries(stats.subscriptions)) {
      if (s['isDurable'] === false) continue;
      if (s.msgBacklog > 0)
        pending.push(`${name}@${topic.slice(topic.lastIndexOf('/') + 1)}: ${s.msgBacklog}/${s.unackedMessages}`);
    }
  }
  return pending;
}

/**
 * Durable subscriptions whose cursor has not acknowledged everything, read from the managed ledger itself
 * (`internalStats`): mark-delete position short of the last entry, or ranges acknowledged out of order still
 * open. Empty means every message was acknowledged, whatever the dispatcher's `unackedMessages` says.
 */
export async function cursorsNotAtEnd(system: SystemUnderTest): Promise<{ checked: number; behind: string[] }> {
  const admin = createPulsarAdmin(system.settings.pulsarAdminUrl);
  const behind: string[] = [];
  let checked = 0;
  for (const topic of await admin.listTopics(system.settings.namespace)) {
    if (topic.endsWith('-DLQ')) continue;
    const stats = await admin.topicStats(topic);
    const internal = await admin.internalStats(topic);
    for (const [name, s] of Object.entries(stats.subscriptions)) {
      const cursor = internal.cursors[encodeURIComponent(name)] ?? internal.cursors[name];
      if (s['isDurable'] === false) continue;
      if (!cursor) {
        behind.push(`${name}@${topic.slice(topic.lastIndexOf('/') + 1)}: no cursor in internalStats`);
        continue;
      }
      checked += 1;
      const open = cursor.individuallyDeletedMessages !== '[]';
      if (cursor.markDeletePosition !== internal.lastConfirmedEntry || open) {
        behind.push(
          `${name}@${topic.slice(topic.lastIndexOf('/') + 1)}: mark-delete ${cursor.markDeletePosition} of ${internal.lastConfirmedEntry}` +
            `${open ? `, open ranges ${cursor.individuallyDeletedMessages}` : ''} (unackedMessages ${s.unackedMessages})`,
        );
      }
    }
  }
  return { checked, behind };
}

/** The `ORIGIN_MESSAGE_ID`s (as `ledger:entry`) found on a dead-letter topic, read from its beginning. */
export async function deadLettered(client: PulsarClient, topic: string): Promise<Set<string>> {
  return new Set((await deadLetterReasons(client, topic)).keys());
}

/** `ledger:entry` of each dead-lettered message → its `alpes-dead-letter-reason`, read from the beginning. */
export async function deadLetterReasons(client: PulsarClient, topic: string): Promise<Map<string, string>> {
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema: bytesSchema() });
  const found = new Map<string, string>();
  try {
    while (await reader.hasMessageAvailable()) {
      const message = await reader.readNext(10_000);
      const origin = message.properties['ORIGIN_MESSAGE_ID'];
      if (origin !== undefined) found.set(entryOf(origin), message.properties[DEAD_LETTER_REASON] ?? '');
    }
  } finally {
    await reader.close();
  }
  return found;
}

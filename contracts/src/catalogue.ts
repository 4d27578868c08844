import { campanaTopics } from './topics/campanas.ts';
import { contratoTopics } from './topics/contratos.ts';
import { influencerTopics } from './topics/influencers.ts';
import { sagaTopics } from './topics/saga.ts';
import type { SchemaVersion, ServiceName, TopicSpec } from './topicSpec.ts';

/**
 * Every topic of the system: one record type per topic (ARCHITECTURE §4), grouped by the context that owns it.
 * Topic names are short names in `public/default`, as in the original system.
 */
export const catalogue = {
  ...influencerTopics,
  ...campanaTopics,
  ...contratoTopics,
  ...sagaTopics,
} as const satisfies Record<string, TopicSpec>;

export type TopicName = keyof typeof catalogue;

export const topicNames = Object.keys(catalogue) as readonly TopicName[];

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(catalogue, name);
}

export function topicSpec(topic: TopicName): TopicSpec {
  return catalogue[topic];
}

/** Versions of a topic's schema, oldest first: the order in which they are registered in Pulsar. */
export function versionsOf(topic: TopicName): readonly SchemaVersion[] {
  const number = (version: string) => Number(version.slice(1));
  return (Object.keys(catalogue[topic].versions) as SchemaVersion[]).sort((a, b) => number(a) - number(b));
}

export function latestVersion(topic: TopicName): SchemaVersion {
  return catalogue[topic].latest;
}

/**
 * `eventos-campanas` → `persistent://public/default/eventos-campanas`. A deployment (or a test run) may
 * put the whole system in another namespace (`PULSAR_NAMESPACE`); the short names stay the same.
 */
export function fullTopicName(short: string, namespace = 'public/default'): string {
  return `persistent://${namespace}/${short}`;
}

/** `service`'s durable subscription to `topic`, as the catalogue names it; an error when it has none. */
export function subscriptionOf(service: ServiceName, topic: TopicName): string {
  const subscription = catalogue[topic].consumers.find((consumer) => consumer.service === service)?.subscription;
  if (subscription === undefined) throw new Error(`the catalogue names no ${service} subscription on ${topic}`);
  return subscription;
}

import { fullTopicName, type TopicName } from '@alpes/contracts';
import type { OutboxMessage } from '@alpes/eventstore';

/** Maps an outbox row's catalogue topic to its physical topic (tests use unique names per run). */
export type TopicRouter = (message: OutboxMessage) => OutboxMessage;

export type TopicMap = Partial<Record<TopicName, string>>;

/** Mapped topics get their physical name; others keep the short name (the relay adds its namespace). */
export function topicRouter(map: TopicMap = {}): TopicRouter {
  return (message) => ({ ...message, topic: map[message.topic as TopicName] ?? message.topic });
}

export function physicalTopic(topic: TopicName, map: TopicMap = {}, namespace?: string): string {
  return map[topic] ?? fullTopicName(topic, namespace);
}

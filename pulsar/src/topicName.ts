import { PulsarError } from './errors.ts';

/** `my-topic` → `persistent://public/default/my-topic`; `tenant/ns/t` → `persistent://tenant/ns/t`. */
export function fullTopicName(topic: string): string {
  if (/^(persistent|non-persistent):\/\/[^/]+\/[^/]+\/.+$/.test(topic)) return topic;
  const parts = topic.split('/');
  if (parts.length === 1 && topic) return `persistent://public/default/${topic}`;
  if (parts.length === 3 && parts.every(Boolean)) return `persistent://${topic}`;
  throw new PulsarError('InvalidTopicName', `invalid topic name "${topic}"; use persistent://tenant/namespace/topic`);
}

export function partitionTopic(topic: string, partition: number): string {
  return `${topic}-partition-${partition}`;
}

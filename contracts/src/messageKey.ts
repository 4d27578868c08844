import { catalogue } from './catalogue.ts';
import type { TopicName } from './catalogue.ts';
import type { TopicRecords } from './topicRecords.ts';

/** The Pulsar message key of a record (the aggregate id, ARCHITECTURE §4), or undefined when it is null. */
export function messageKey<T extends TopicName>(topic: T, record: TopicRecords[T]): string | undefined {
  let value: unknown = record;
  for (const step of catalogue[topic].key) {
    value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[step];
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

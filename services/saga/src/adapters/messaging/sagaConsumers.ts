import { catalogue, subscriptionOf, type TopicRecords } from '@alpes/contracts';
import { messageIdToString, type Consumer, type PulsarClient } from '@alpes/pulsar';
import { DEFAULT_CONCURRENCY, startConsumer, type Logger, type ServiceMetrics } from '@alpes/service-kit';
import type { SagaRunner } from '../postgres/sagaRunner.ts';
import { sagaTopics, toSagaInput } from './toSagaCommand.ts';
import { physicalTopic, type TopicMap } from './topics.ts';

interface ConsumerOptions {
  readonly client: PulsarClient;
  readonly runner: SagaRunner;
  readonly log: Logger;
  readonly metrics: ServiceMetrics;
  readonly topics?: TopicMap;
  readonly namespace?: string;
  readonly retryDelayMs?: number;
  readonly maxRedeliveries?: number;
  /** Messages handled at once per topic (one key at a time); sagas are also serialised by their stream's optimistic concurrency. */
  readonly concurrency?: number;
}

/** One consumer per topic the saga listens to (Shared: any instance may take any message). */
export async function startSagaConsumers(options: ConsumerOptions): Promise<Consumer<unknown>[]> {
  return Promise.all(
    sagaTopics.map(
      (topic) =>
        startConsumer({
          client: options.client,
          topic,
          topicName: physicalTopic(topic, options.topics, options.namespace),
          subscription: subscriptionOf('saga', topic),
          type: 'Shared',
          log: options.log,
          consumed: options.metrics.consumed,
          retryDelayMs: options.retryDelayMs,
          maxRedeliveries: options.maxRedeliveries,
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          handle: async (record: TopicRecords[typeof topic], message) => {
            const inboxId = record.message_id ?? `pulsar:${topic}:${messageIdToString(message.messageId)}`;
            const causa = record.message_type ?? catalogue[topic].messageType;
            const outcome = await options.runner.handle(toSagaInput(topic, record), {
              inboxId,
              causa,
              causationId: inboxId,
            });
            if (outcome.outcome === 'rejected')
              options.log('info', 'message ignored', { topic, reason: outcome.error.message });
          },
        }) as Promise<Consumer<unknown>>,
    ),
  );
}

import { fullTopicName, subscriptionOf, type ServiceName, type TopicName, type TopicRecords } from '@alpes/contracts';
import type { Decisions, DomainError, Event, NewEvent, OutboxMessage } from '@alpes/eventstore';
import type { PostgresEventStore, Projection, RetryOptions } from '@alpes/eventstore/postgres';
import type { Consumer, PulsarClient } from '@alpes/pulsar';
import type { MessageContext } from '@alpes/shared-kernel';
import { startConsumer } from './consumer.ts';
import type { Logger } from './logger.ts';
import { logOutcome } from './logOutcome.ts';
import { messageContext, type Received } from './messageContext.ts';
import type { ServiceMetrics } from './metrics.ts';
import { runCommand, type CommandOutcome } from './runCommand.ts';

/**
 * How one command topic is handled, declared by the service: wire record → domain command → use case → the
 * messages the outcome publishes. Everything else — context, inbox, retry, group commit, logging, timing — is the
 * pipeline's, the same in every service.
 */
export interface CommandRoute<T extends TopicName, C, R, E extends Event> {
  readonly topic: T;
  /** The command's name in the log line (`CrearContrato`). */
  readonly name: string;
  /** The influencer a message names: a v1 message (no envelope) gets its saga id from it. */
  influencerOf(record: TopicRecords[T]): string | null | undefined;
  /** Wire → domain command (adapters/messaging/toX.ts); a record no command can be built from throws. */
  toCommand(record: TopicRecords[T], context: MessageContext): C;
  /** The application's use case. */
  decide(decisions: Decisions, command: C): Promise<R>;
  outbox(result: R, appended: readonly NewEvent<E>[], command: C, context: MessageContext): readonly OutboxMessage[];
  /** The error event of a refused command; a command that has none throws (retried, then dead-lettered). */
  onRejected(error: DomainError, command: C, context: MessageContext): readonly OutboxMessage[];
  /** The aggregate's id for the log line. */
  logFields(command: C): Record<string, unknown>;
}

/** Any service's route, as `startCommandConsumers` takes them (the route's methods keep their own types). */
export type AnyCommandRoute<E extends Event> = CommandRoute<TopicName, unknown, unknown, E>;

export interface CommandConsumersOptions<E extends Event> {
  readonly service: ServiceName;
  readonly client: PulsarClient;
  readonly store: PostgresEventStore;
  /** The service's inline projections, written with the events of every command. */
  readonly projections: readonly Projection<E>[];
  readonly log: Logger;
  readonly metrics?: Pick<ServiceMetrics, 'consumed' | 'handled'> | undefined;
  /** Physical topic per catalogue topic (full names; tests use unique ones). The catalogue topic sets the schema. */
  readonly topics?: Partial<Record<TopicName, string>> | undefined;
  /** The Pulsar namespace of the catalogue topics not in `topics` (default `public/default`). */
  readonly namespace?: string | undefined;
  readonly maxRedeliveries?: number | undefined;
  readonly retryDelayMs?: number | undefined;
  /** Messages handled at once per consumer (Key_Shared keeps per-key order only with 1). */
  readonly concurrency?: number | undefined;
  /** Epoch ms: the instant put into the commands. */
  readonly now?: (() => number) | undefined;
  readonly retry?: RetryOptions | undefined;
}

/** What handling a route's messages needs (the consumer's settings aside). */
export type CommandHandlingOptions<E extends Event> = Pick<
  CommandConsumersOptions<E>,
  'service' | 'store' | 'projections' | 'log' | 'metrics' | 'now' | 'retry'
>;

/** Declares one command topic's route (its types inferred from the literal). */
export const commandRoute = <T extends TopicName, C, R, E extends Event>(
  route: CommandRoute<T, C, R, E>,
): CommandRoute<T, C, R, E> => route;

/** A domain command through the pipeline, as the route's consumer runs it (tests seed with it). */
export function runRoute<T extends TopicName, C, R, E extends Event>(
  route: CommandRoute<T, C, R, E>,
  options: CommandHandlingOptions<E>,
  command: C,
  context: MessageContext,
): Promise<CommandOutcome<R, E>> {
  return runCommand<R, E>({
    store: options.store,
    inboxId: context.inboxId,
    consumer: subscriptionOf(options.service, route.topic),
    metadata: { correlationId: context.correlationId ?? undefined, causationId: context.causationId },
    retry: options.retry,
    decide: (decisions) => route.decide(decisions, command),
    projections: options.projections,
    outbox: (result, appended) => route.outbox(result, appended, command, context),
    onRejected: (error) => route.onRejected(error, command, context),
  });
}

/**
 * One consumed message through the route: context → command → pipeline → one log line, timed. Resolves once its
 * statement committed; a rejection means redelivery, then the dead-letter topic.
 */
export function commandHandler<T extends TopicName, C, R, E extends Event>(
  route: CommandRoute<T, C, R, E>,
  options: CommandHandlingOptions<E>,
): (record: TopicRecords[T], message: Received) => Promise<void> {
  return async (record, message) => {
    const end = options.metrics?.handled.startTimer({ topic: route.topic });
    try {
      const now = (options.now ?? Date.now)();
      const context = messageContext(record, message, { influencerId: route.influencerOf(record), now });
      const command = route.toCommand(record, context);
      const outcome = await runRoute(route, options, command, context);
      const fields = { topic: route.topic, inboxId: context.inboxId, correlationId: context.correlationId };
      logOutcome(options.log, route.name, { ...fields, ...route.logFields(command) }, outcome);
    } finally {
      end?.();
    }
  };
}

/**
 * Subscribes to each route's topic (Key_Shared, from Earliest); close the returned consumers on shutdown. When one
 * subscription fails, the ones already made are closed before the error propagates.
 */
export async function startCommandConsumers<E extends Event>(
  options: CommandConsumersOptions<E>,
  routes: readonly AnyCommandRoute<E>[],
): Promise<Consumer<unknown>[]> {
  const consumers: Consumer<unknown>[] = [];
  try {
    for (const route of routes) {
      const consumer = await startConsumer({
        client: options.client,
        topic: route.topic,
        topicName: options.topics?.[route.topic] ?? fullTopicName(route.topic, options.namespace),
        subscription: subscriptionOf(options.service, route.topic),
        type: 'Key_Shared',
        log: options.log,
        consumed: options.metrics?.consumed,
        maxRedeliveries: options.maxRedeliveries,
        retryDelayMs: options.retryDelayMs,
        concurrency: options.concurrency,
        handle: commandHandler(route, options),
      });
      consumers.push(consumer as Consumer<unknown>);
    }
  } catch (error) {
    await Promise.allSettled(consumers.map((consumer) => consumer.close()));
    throw error;
  }
  return consumers;
}

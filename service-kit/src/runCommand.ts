import { fold, isDomainError } from '@alpes/eventstore';
import type {
  Decisions,
  DomainError,
  Event,
  EventMetadata,
  NewEvent,
  OutboxMessage,
  ReadStreamResult,
  StoredEvent,
} from '@alpes/eventstore';
import { newEvents, retryOnConflict, RetryableConflict } from '@alpes/eventstore/postgres';
import type { PostgresEventStore, Projection, RetryOptions } from '@alpes/eventstore/postgres';

export type CommandOutcome<R, E extends Event = Event> =
  | { readonly outcome: 'applied'; readonly result: R; readonly events: readonly StoredEvent<E>[] }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: DomainError };

export interface RunCommandOptions<R, E extends Event> {
  readonly store: PostgresEventStore;
  /** Id of the consumed message; a redelivery changes nothing. Undefined for a command no message carried (a timer's). */
  readonly inboxId: string | undefined;
  /** Recorded next to `inboxId` (informational; the id alone is the key). */
  readonly consumer: string;
  readonly metadata: EventMetadata;
  /** The use case: decides on one stream or more through `decisions`. */
  readonly decide: (decisions: Decisions) => Promise<R>;
  /** Inline projections of every appended event (and the use case's result), written in the same statement. */
  readonly projections: readonly Projection<E, R>[];
  /** The integration messages for what was decided (`appended`: every stream's new events, in decision order). */
  readonly outbox: (result: R, appended: readonly NewEvent<E>[]) => readonly OutboxMessage[];
  /** The error event when a decider refuses the command (nothing fails silently); throw to have it retried. */
  readonly onRejected: (error: DomainError) => readonly OutboxMessage[];
  readonly retry?: RetryOptions;
}

interface Staged {
  readonly streamId: string;
  readonly events: readonly Event[];
  readonly readVersion: number;
}

/** Thrown out of the use case when the first read finds the message in the inbox: nothing more is read. */
const DUPLICATE = Symbol('duplicate');

/**
 * The command pipeline of every domain service: one consumed command message → the use case's decisions on one
 * or more streams → one statement (`store.commit`, group commit) with every stream's events at the versions read,
 * the projections, the outbox rows and the inbox entry; run again on a concurrency conflict. The first stream is
 * read together with the inbox check in one round trip (`readForCommand`, group read), so a single-stream
 * command costs one read and one write. A `DomainError` writes nothing of the decisions: the error event and the
 * inbox entry, on their own. A redelivery changes nothing. Infrastructure errors propagate (the consumer nacks,
 * retries, and eventually dead-letters).
 */
export async function runCommand<R, E extends Event>(options: RunCommandOptions<R, E>): Promise<CommandOutcome<R, E>> {
  try {
    return await retryOnConflict(() => runOnce(options), options.retry);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const recorded = await recordRejection(options.store, options, options.onRejected(error));
    return recorded ? { outcome: 'rejected', error } : { outcome: 'duplicate' };
  }
}

async function runOnce<R, E extends Event>(options: RunCommandOptions<R, E>): Promise<CommandOutcome<R, E>> {
  const { store, inboxId } = options;
  const staged: Staged[] = [];
  let inboxChecked = false;
  const read = async (streamId: string): Promise<ReadStreamResult<Event>> => {
    if (inboxChecked) return store.readStream(streamId);
    inboxChecked = true;
    const { stream, duplicate } = await store.readForCommand(store.pool, streamId, inboxId);
    if (duplicate) throw DUPLICATE;
    return stream;
  };
  const decisions: Decisions = {
    async decide(decider, streamId, command) {
      const stream = await read(streamId);
      type D = ReturnType<typeof decider.decide>[number];
      const state = fold(
        decider,
        stream.events.map((stored) => ({ type: stored.type, data: stored.data }) as D),
      );
      const events = decider.decide(command, state);
      staged.push({ streamId, events, readVersion: stream.currentVersion });
      return { events, state: events.reduce(decider.evolve, state) };
    },
  };
  let result: R;
  try {
    result = await options.decide(decisions);
  } catch (error) {
    if (error === DUPLICATE) return { outcome: 'duplicate' };
    throw error;
  }
  if (!inboxChecked && inboxId !== undefined && (await store.inInbox(store.pool, inboxId)))
    return { outcome: 'duplicate' };
  const events = staged.flatMap((s) => newEvents(s, options.metadata)) as NewEvent<E>[];
  const stored = await store.commit({
    events,
    statements: options.projections.flatMap((projection) => projection(events, result)),
    outbox: options.outbox(result, events),
    inbox: inboxId === undefined ? undefined : { messageId: inboxId, consumer: options.consumer },
  });
  return { outcome: 'applied', result, events: stored as StoredEvent<E>[] };
}

/** A refused command's error event and inbox entry, in one statement; false when the message was already recorded. */
export async function recordRejection(
  store: PostgresEventStore,
  message: { readonly inboxId: string | undefined; readonly consumer?: string | undefined },
  errorEvents: readonly OutboxMessage[],
): Promise<boolean> {
  try {
    await store.commit({
      events: [],
      outbox: errorEvents,
      inbox: message.inboxId === undefined ? undefined : { messageId: message.inboxId, consumer: message.consumer },
    });
    return true;
  } catch (failure) {
    if (failure instanceof RetryableConflict) return false;
    throw failure;
  }
}

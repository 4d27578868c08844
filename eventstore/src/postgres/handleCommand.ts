import type { FragmentSqlToken } from 'slonik';
import { fold } from '../fold.ts';
import type { Decider, Event, EventMetadata, NewEvent, OutboxMessage, StoredEvent } from '../types.ts';
import { newEvents } from './commit.ts';
import type { PostgresEventStore } from './createPostgresEventStore.ts';
import { retryOnConflict, type RetryOptions } from './retryOnConflict.ts';

/**
 * Inline projection: the read-model statements for the appended events, written by the same statement as
 * the events (tables unqualified: the service schema is the `search_path`). Each is one data-modifying
 * statement (insert, update or delete); they all see the database as it was before, so no two may change
 * the same row (fold several events of one row into one statement) — and since concurrent commands share a
 * statement (group commit), a projection changes only rows of its own aggregate. It also gets the stream's
 * state after the events, for read models that mirror the whole aggregate.
 */
export type Projection<E extends Event, State = unknown> = (
  events: readonly NewEvent<E>[],
  state: State,
) => readonly FragmentSqlToken[];

/** Integration messages for the appended events, written to the outbox by the same statement. */
export type OutboxMapper<State, E extends Event> = (
  events: readonly NewEvent<E>[],
  state: State,
) => readonly OutboxMessage[];
export interface HandleCommandOptions<State, Command, E extends Event> {
  readonly store: PostgresEventStore;
  readonly streamId: string;
  readonly decider: Decider<State, Command, E>;
  readonly command: Command;
  readonly metadata?: EventMetadata;
  /** Id of the message that carried the command; a second delivery changes nothing. */
  readonly inboxId?: string;
  /** Recorded next to `inboxId` (informational; the id alone is the key). */
  readonly consumer?: string;
  readonly projections?: readonly Projection<E, State>[];
  readonly outbox?: OutboxMapper<State, E>;
  readonly retry?: RetryOptions;
}

export interface HandleCommandResult<State, E extends Event> {
  readonly duplicate: boolean;
  readonly events: StoredEvent<E>[];
  readonly state: State;
  readonly newVersion: number;
}

/**
 * Inbox check and stream read (one query) → decide → one statement that appends the events and writes the
 * projections, the outbox rows and the inbox entry (`store.commit`): two round trips, no transaction held
 * open in between. A concurrent writer of the stream, or a concurrent delivery of the same message, makes
 * the statement fail and the whole command run again (`retryOnConflict`). A `DomainError` from `decide`
 * propagates with nothing written.
 */
export async function handleCommand<State, Command, E extends Event>(
  options: HandleCommandOptions<State, Command, E>,
): Promise<HandleCommandResult<State, E>> {
  return retryOnConflict(() => handleOnce(options), options.retry);
}

async function handleOnce<State, Command, E extends Event>(
  options: HandleCommandOptions<State, Command, E>,
): Promise<HandleCommandResult<State, E>> {
  const { store, decider, inboxId, streamId } = options;
  const { stream, duplicate } = await store.readForCommand<E>(store.pool, streamId, inboxId);
  const state = fold(
    decider,
    stream.events.map((stored) => ({ type: stored.type, data: stored.data }) as E),
  );
  if (duplicate) return { duplicate: true, events: [], state, newVersion: stream.currentVersion };
  const decided = decider.decide(options.command, state);
  const events = newEvents({ streamId, events: decided, readVersion: stream.currentVersion }, options.metadata);
  const newState = decided.reduce(decider.evolve, state);
  const stored = await store.commit({
    events,
    statements: (options.projections ?? []).flatMap((projection) => projection(events, newState)),
    outbox: options.outbox ? options.outbox(events, newState) : [],
    inbox: inboxId === undefined ? undefined : { messageId: inboxId, consumer: options.consumer },
  });
  return {
    duplicate: false,
    events: stored as StoredEvent<E>[],
    state: newState,
    newVersion: stream.currentVersion + decided.length,
  };
}

import { fold } from '../fold.ts';
import type { Decider, Event, EventMetadata, OutboxMessage, StoredEvent } from '../types.ts';
import type { PostgresEventStore } from './createPostgresEventStore.ts';
import { retryOnConflict, RetryableConflict, type RetryOptions } from './retryOnConflict.ts';
import type { TransactionConnection } from './withTransaction.ts';

/**
 * Inline projection: updates read models in the append's transaction (tables unqualified: search_path).
 * It also gets the stream's state after the events, for read models that mirror the whole aggregate.
 */
export type Projection<E extends Event, State = unknown> = (tx: TransactionConnection, events: readonly StoredEvent<E>[], state: State) => Promise<void>;

/** Integration messages for the appended events, written to the outbox in the same transaction. */
export type OutboxMapper<State, E extends Event> = (events: readonly StoredEvent<E>[], state: State) => readonly OutboxMessage[];

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
 * Inbox check → read → decide → append → projections → outbox → inbox, in one transaction, run again
 * on a concurrency conflict. A `DomainError` from `decide` rolls everything back and propagates.
 */
export async function handleCommand<State, Command, E extends Event>(
  options: HandleCommandOptions<State, Command, E>,
): Promise<HandleCommandResult<State, E>> {
  return retryOnConflict(() => options.store.transaction((tx) => handleOnce(tx, options)), options.retry);
}

// Reads come first and the event insert is the first write: the transaction's xid8 is assigned only
// after it has seen the stream's previous commit, so (tx, position) order agrees with stream order.
async function handleOnce<State, Command, E extends Event>(
  tx: TransactionConnection,
  options: HandleCommandOptions<State, Command, E>,
): Promise<HandleCommandResult<State, E>> {
  const { store, decider, inboxId } = options;
  const { stream, duplicate } = await store.readForCommand<E>(tx, options.streamId, inboxId);
  const state = fold(decider, stream.events.map((stored) => ({ type: stored.type, data: stored.data }) as E));
  if (duplicate) return { duplicate: true, events: [], state, newVersion: stream.currentVersion };
  const decided = decider.decide(options.command, state);
  const appended = await store.appendToStream(options.streamId, decided, {
    expectedVersion: stream.currentVersion, currentVersion: stream.currentVersion, metadata: options.metadata, tx,
  });
  const newState = decided.reduce(decider.evolve, state);
  for (const projection of options.projections ?? []) await projection(tx, appended.events, newState);
  const messages = options.outbox ? options.outbox(appended.events, newState) : [];
  if (inboxId === undefined) await store.appendOutbox(tx, messages);
  else if (!(await store.appendOutboxRecordingInbox(tx, messages, inboxId, options.consumer))) {
    throw new RetryableConflict(`message ${inboxId} was processed concurrently`);
  }
  return { duplicate: false, events: appended.events, state: newState, newVersion: appended.newVersion };
}

import { ConcurrencyError, fold, isDomainError } from '@alpes/eventstore';
import type { DomainError, Event, EventMetadata, OutboxMessage, StoredEvent } from '@alpes/eventstore';
import { retryOnConflict } from '@alpes/eventstore/postgres';
import type { PostgresEventStore, RetryOptions, TransactionConnection } from '@alpes/eventstore/postgres';
import type { Decisions } from '../../application/decisions.ts';

/** Inline projection of the events appended to any of the unit's streams, in the same transaction. */
export type DecisionsProjection<E extends Event> = (tx: TransactionConnection, events: readonly StoredEvent<E>[]) => Promise<void>;

export interface RunDecisionsOptions<R, E extends Event> {
  readonly store: PostgresEventStore;
  /** Id of the consumed message; a redelivery changes nothing. */
  readonly inboxId: string;
  readonly consumer: string;
  readonly metadata: EventMetadata;
  /** The application handler: decides on one or more streams. */
  readonly handle: (decisions: Decisions) => Promise<R>;
  readonly projections: readonly DecisionsProjection<E>[];
  /** Messages for what was decided (`appended` holds every stream's stored events, in append order). */
  readonly outbox: (result: R, appended: readonly StoredEvent<E>[]) => readonly OutboxMessage[];
  /** The error event when a decider refuses (nothing fails silently). */
  readonly onRejected: (error: DomainError) => readonly OutboxMessage[];
  readonly retry?: RetryOptions;
}

export type DecisionsOutcome<R, E extends Event> =
  | { readonly outcome: 'applied'; readonly result: R; readonly events: readonly StoredEvent<E>[] }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: DomainError };

interface Staged { readonly streamId: string; readonly events: readonly Event[]; readonly expectedVersion: number }

/**
 * `handleCommand` for a handler that decides on several streams: inbox check → reads and decisions → appends
 * (each at the version read) → projections → outbox → inbox, in one transaction, run again on a concurrency
 * conflict (a concurrent writer of any of the streams). A `DomainError` rolls back, then the error event and
 * the inbox id are written on their own, like service-kit's `runCommand`.
 */
export async function runDecisions<R, E extends Event>(options: RunDecisionsOptions<R, E>): Promise<DecisionsOutcome<R, E>> {
  try {
    return await retryOnConflict(() => options.store.transaction((tx) => runOnce(tx, options)), options.retry);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return reject(options, error);
  }
}

// Every read comes before the first append, and the first write is an event append (eventstore README, xid8).
async function runOnce<R, E extends Event>(tx: TransactionConnection, options: RunDecisionsOptions<R, E>): Promise<DecisionsOutcome<R, E>> {
  const { store, inboxId } = options;
  if (await store.inInbox(tx, inboxId)) return { outcome: 'duplicate' };
  const staged: Staged[] = [];
  const result = await options.handle(stagingDecisions(store, tx, staged));
  const appended: StoredEvent<E>[] = [];
  for (const { streamId, events, expectedVersion } of staged.filter((s) => s.events.length > 0)) {
    const stored = await store.appendToStream<E>(streamId, events as E[], { expectedVersion, metadata: options.metadata, tx });
    appended.push(...stored.events);
  }
  for (const projection of options.projections) await projection(tx, appended);
  await store.appendOutbox(tx, options.outbox(result, appended));
  if (!(await store.recordInbox(tx, inboxId, options.consumer))) {
    throw new ConcurrencyError(`inbox:${inboxId}`, 'unprocessed', 1); // processed concurrently: retry finds it
  }
  return { outcome: 'applied', result, events: appended };
}

function stagingDecisions(store: PostgresEventStore, tx: TransactionConnection, staged: Staged[]): Decisions {
  return {
    async decide(decider, streamId, command) {
      const stream = await store.readStream(streamId, { tx });
      type E = ReturnType<typeof decider.decide>[number];
      const state = fold(decider, stream.events.map((stored) => ({ type: stored.type, data: stored.data }) as E));
      const events = decider.decide(command, state);
      staged.push({ streamId, events, expectedVersion: stream.currentVersion });
      return { events, state: events.reduce(decider.evolve, state) };
    },
  };
}

async function reject<R, E extends Event>(options: RunDecisionsOptions<R, E>, error: DomainError): Promise<DecisionsOutcome<R, E>> {
  const { store, inboxId } = options;
  const recorded = await store.transaction(async (tx) => {
    if (!(await store.recordInbox(tx, inboxId, options.consumer))) return false;
    await store.appendOutbox(tx, options.onRejected(error));
    return true;
  });
  return recorded ? { outcome: 'rejected', error } : { outcome: 'duplicate' };
}

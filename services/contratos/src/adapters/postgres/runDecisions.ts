import { fold, isDomainError } from '@alpes/eventstore';
import type { DomainError, Event, EventMetadata, NewEvent, OutboxMessage, StoredEvent } from '@alpes/eventstore';
import { newEvents, retryOnConflict } from '@alpes/eventstore/postgres';
import type { PostgresEventStore, Projection, RetryOptions } from '@alpes/eventstore/postgres';
import { recordRejection } from '@alpes/service-kit';
import type { Decisions } from '../../application/decisions.ts';

/** Inline projection of the events appended to any of the unit's streams: statements written with them. */
export type DecisionsProjection<E extends Event> = Projection<E, undefined>;

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
  readonly outbox: (result: R, appended: readonly NewEvent<E>[]) => readonly OutboxMessage[];
  /** The error event when a decider refuses (nothing fails silently). */
  readonly onRejected: (error: DomainError) => readonly OutboxMessage[];
  readonly retry?: RetryOptions;
}

export type DecisionsOutcome<R, E extends Event> =
  | { readonly outcome: 'applied'; readonly result: R; readonly events: readonly StoredEvent<E>[] }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: DomainError };

interface Staged {
  readonly streamId: string;
  readonly events: readonly Event[];
  readonly readVersion: number;
}

/**
 * `handleCommand` for a handler that decides on several streams: inbox check → reads and decisions → one
 * statement with every stream's events (each at the version read), the projections, the outbox rows and the
 * inbox entry (`store.commit`), run again on a concurrency conflict (a concurrent writer of any of the
 * streams, or a concurrent delivery). A `DomainError` writes nothing of the decisions: the error event and
 * the inbox id are written on their own, like service-kit's `runCommand`.
 */
export async function runDecisions<R, E extends Event>(
  options: RunDecisionsOptions<R, E>,
): Promise<DecisionsOutcome<R, E>> {
  try {
    return await retryOnConflict(() => runOnce(options), options.retry);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const recorded = await recordRejection(
      options.store,
      { inboxId: options.inboxId, consumer: options.consumer },
      options.onRejected(error),
    );
    return recorded ? { outcome: 'rejected', error } : { outcome: 'duplicate' };
  }
}

async function runOnce<R, E extends Event>(options: RunDecisionsOptions<R, E>): Promise<DecisionsOutcome<R, E>> {
  const { store, inboxId } = options;
  if (await store.inInbox(store.pool, inboxId)) return { outcome: 'duplicate' };
  const staged: Staged[] = [];
  const result = await options.handle(stagingDecisions(store, staged));
  const events = staged.flatMap((s) => newEvents(s, options.metadata)) as NewEvent<E>[];
  const stored = await store.commit({
    events,
    statements: options.projections.flatMap((projection) => projection(events, undefined)),
    outbox: options.outbox(result, events),
    inbox: { messageId: inboxId, consumer: options.consumer },
  });
  return { outcome: 'applied', result, events: stored as StoredEvent<E>[] };
}

function stagingDecisions(store: PostgresEventStore, staged: Staged[]): Decisions {
  return {
    async decide(decider, streamId, command) {
      const stream = await store.readStream(streamId);
      type E = ReturnType<typeof decider.decide>[number];
      const state = fold(
        decider,
        stream.events.map((stored) => ({ type: stored.type, data: stored.data }) as E),
      );
      const events = decider.decide(command, state);
      staged.push({ streamId, events, readVersion: stream.currentVersion });
      return { events, state: events.reduce(decider.evolve, state) };
    },
  };
}

import type { Decider, Event } from './types.ts';

/** What one decider decided on its stream. */
export interface Decision<S, E extends Event> {
  readonly events: readonly E[];
  /** The stream's state after `events`. */
  readonly state: S;
}

/**
 * One unit of work over one or more streams (one transaction in the PostgreSQL pipeline). Each `decide` reads its
 * stream, folds it and runs the decider; the decided events are appended at the versions read, in decision order,
 * once the use case returns. A `DomainError` from any decider rolls all of them back.
 */
export interface Decisions {
  decide<S, C, E extends Event>(decider: Decider<S, C, E>, streamId: string, command: C): Promise<Decision<S, E>>;
}

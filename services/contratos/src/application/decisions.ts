import type { Decider, Event } from '@alpes/eventstore';

export interface Decision<S, E extends Event> {
  readonly events: readonly E[];
  /** The stream's state after `events`. */
  readonly state: S;
}

/**
 * One unit of work over several streams (one transaction in the adapter). Each `decide` reads its stream,
 * folds it and runs the decider; the decided events are appended at the versions read, in decision order,
 * once the handler returns. A `DomainError` from any decider rolls all of them back.
 */
export interface Decisions {
  decide<S, C, E extends Event>(decider: Decider<S, C, E>, streamId: string, command: C): Promise<Decision<S, E>>;
}

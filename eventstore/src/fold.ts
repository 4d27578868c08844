import type { Decider, Event } from './types.ts';

/** State of a stream: its events folded with `evolve` from `initialState`. */
export function fold<State, Command, E extends Event>(decider: Decider<State, Command, E>, events: Iterable<E>): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

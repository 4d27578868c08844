import { DomainError, type Decider, type Event, type NewEvent, type OutboxMessage } from '@alpes/eventstore';

export type CounterEvent = Event<'Sumado', { by: number; total: number }>;
export interface CounterCommand {
  readonly by: number;
}
export interface CounterState {
  readonly total: number;
}

/** A tiny decider for the adapter's tests: adds `by`, refuses totals above 100. */
export function counterDecider(
  calls: { decide: number } = { decide: 0 },
): Decider<CounterState, CounterCommand, CounterEvent> {
  return {
    initialState: () => ({ total: 0 }),
    evolve: (state, event) => ({ total: event.data.total }),
    decide: (command, state) => {
      calls.decide += 1;
      const total = state.total + command.by;
      if (total > 100) throw new DomainError('DEMASIADO_GRANDE', `total ${total} > 100`);
      return [{ type: 'Sumado', data: { by: command.by, total } }];
    },
  };
}

/** One outbox message per event; the stream version travels as a property so tests can check order. */
export function counterOutbox(events: readonly NewEvent<CounterEvent>[]): OutboxMessage[] {
  return events.map((event) => ({
    topic: 'eventos-contador',
    key: event.streamId,
    value: new TextEncoder().encode(JSON.stringify(event.data)),
    schemaVersion: 1,
    properties: { version: String(event.streamVersion) },
    eventTime: event.recordedAt.getTime(),
  }));
}

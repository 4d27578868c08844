/** A domain event as the decider produces it: a discriminated union member. */
export interface Event<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** Tracing and causality carried with every stored event (and on the wire, in the v2 envelope). */
export interface EventMetadata {
  /** The saga id (= `id_correlacion`). */
  readonly correlationId?: string;
  /** Id of the message or command that caused this event. */
  readonly causationId?: string;
  /** W3C trace context, when there is one. */
  readonly traceparent?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

/** Decider: pure functions over a discriminated union of commands and events (Emmett's shape). */
export interface Decider<State, Command, E extends Event> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: E) => State;
  /** Returns the events the command produces, or throws a `DomainError`. */
  readonly decide: (command: Command, state: State) => E[];
}

export interface StoredEvent<E extends Event = Event> {
  readonly streamId: string;
  /** 1 for the first event of a stream. */
  readonly streamVersion: number;
  /** Position in the schema's whole event log (bigint as a decimal string to stay exact). */
  readonly globalPosition: string;
  readonly eventId: string;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/**
 * An event being appended: its id, stream version and time are fixed before the insert (so projections and
 * outbox mappers can use them in the same statement); the insert gives it its global position.
 */
export type NewEvent<E extends Event = Event> = Omit<StoredEvent<E>, 'globalPosition'>;

export type ExpectedVersion =
  | number // exact: the stream's current version (0 = the stream must not exist)
  | 'any'
  | 'no_stream';

/** A message to publish, written to the outbox in the same transaction as the events. */
export interface OutboxMessage {
  /** Full or short topic name, e.g. `eventos-influencers`. */
  readonly topic: string;
  /** Message key = aggregate id (order per aggregate). */
  readonly key: string;
  /** Avro-encoded value. */
  readonly value: Uint8Array;
  /** Version of the topic's schema the value was written with (as in contracts/, e.g. 2). */
  readonly schemaVersion: number;
  readonly properties?: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly eventTime: number;
}

export interface ReadStreamResult<E extends Event> {
  readonly events: StoredEvent<E>[];
  /** 0 when the stream does not exist. */
  readonly currentVersion: number;
}

/**
 * Fields appended after `data` in v2 of every original record, and part of v1 of every new one
 * (ARCHITECTURE §4). All are `["null", T]` with default null, so a v1 message reads back with nulls here.
 */
export interface Envelope {
  /** UUID; deterministic for commands (README), the event-store event id for events. Consumers dedupe on it. */
  readonly message_id: string | null;
  /** Domain name of the message: `InfluencerRegistrado`, `CrearCampana`, … (the catalogue's `messageType`). */
  readonly message_type: string | null;
  /** The saga id, on every command and event of one registration. */
  readonly correlation_id: string | null;
  /** `message_id` of the message that caused this one. */
  readonly causation_id: string | null;
  /** Epoch milliseconds, UTC. */
  readonly occurred_at: number | null;
  readonly producer_service: string | null;
}

/** The envelope fields in wire order. */
export const envelopeFields = [
  'message_id',
  'message_type',
  'correlation_id',
  'causation_id',
  'occurred_at',
  'producer_service',
] as const satisfies readonly (keyof Envelope)[];

/** A record of any topic: the payload under `data`, the envelope, and the topic's own extra fields. */
export type Message<Payload, Extra = object> = { readonly data: Payload | null } & Envelope & Extra;

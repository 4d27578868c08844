/**
 * What every command, stored event and outgoing message needs to know about the consumed message that caused it
 * (one shape in every service: issue 17). Made by service-kit's `messageContext()`.
 */
export interface MessageContext {
  /** The envelope's `message_id`, or for a v1 message (no envelope) `pulsar:<topic>:<message id>`: the inbox key. */
  readonly inboxId: string;
  /** `causation_id` of what this message causes (its own id). */
  readonly causationId: string;
  /** The saga id; derived from the influencer id for a v1 message, null when nothing names it. */
  readonly correlationId: string | null;
  /** The decision instant (epoch ms), put into the commands: the domain never reads the clock. */
  readonly now: number;
}

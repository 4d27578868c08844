import type { Envelope } from '@alpes/contracts';
import { messageIdToString } from '@alpes/pulsar';
import type { MessageId } from '@alpes/pulsar';

/** What every outgoing message and stored event needs to know about the message that caused it. */
export interface MessageContext {
  /** The envelope's `message_id`, or for a v1 message (no envelope) `pulsar:<topic>:<message id>`. */
  readonly inboxId: string;
  /** The incoming `message_id` (or the inbox id): `causation_id` of what this message causes. */
  readonly causationId: string;
  /** The saga id; derived from the influencer id for v1 messages, null when nothing names it. */
  readonly correlationId: string | null;
  /** The decision instant (epoch ms), passed into the commands: the domain never reads the clock. */
  readonly now: number;
}

/** The part of a consumed Pulsar message the handlers use. */
export interface Received {
  readonly topic: string;
  readonly messageId: MessageId;
}

/** The inbox id is stable across redeliveries: the envelope's id, else the broker's message id on that topic. */
export function messageContext(
  envelope: Envelope,
  message: Received,
  options: { derivedCorrelationId: string | null; now: number },
): MessageContext {
  const messageId = textOf(envelope.message_id);
  const inboxId = messageId ?? `pulsar:${message.topic}:${messageIdToString(message.messageId)}`;
  return {
    inboxId,
    causationId: inboxId,
    correlationId: textOf(envelope.correlation_id) ?? options.derivedCorrelationId,
    now: options.now,
  };
}

export function textOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** A message no command can be built from: thrown so the consumer retries, then dead-letters it. */
export { MensajeInvalido } from '@alpes/shared-kernel';

import { sagaIds, type Envelope } from '@alpes/contracts';
import { messageIdToString, type MessageId } from '@alpes/pulsar';
import type { MessageContext } from '@alpes/shared-kernel';

/** The part of a consumed Pulsar message the context is made from. */
export interface Received {
  readonly topic: string;
  readonly messageId: MessageId;
}

/**
 * The context of a consumed message, the same in every service. v2: the envelope's `message_id` (inbox id and
 * causation) and `correlation_id`. v1 (the original's tools, no envelope): `pulsar:<topic>:<message id>`, stable
 * across redeliveries, and the saga id derived from the influencer the message names (`influencerId`), as every
 * service derives it, so that a v1 message is processed like a v2 one.
 */
export function messageContext(
  envelope: Envelope,
  message: Received,
  options: { readonly influencerId: string | null | undefined; readonly now: number },
): MessageContext {
  const inboxId = textOf(envelope.message_id) ?? `pulsar:${message.topic}:${messageIdToString(message.messageId)}`;
  const influencer = textOf(options.influencerId);
  return {
    inboxId,
    causationId: inboxId,
    correlationId: textOf(envelope.correlation_id) ?? (influencer === null ? null : sagaIds.correlationId(influencer)),
    now: options.now,
  };
}

/** Trimmed text, or null when absent or blank (the wire's nullable strings). */
export function textOf(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

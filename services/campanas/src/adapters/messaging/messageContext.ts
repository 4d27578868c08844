import { sagaIds, type Envelope } from '@alpes/contracts';
import { messageIdToString, type Message } from '@alpes/pulsar';
import type { MessageContext } from '../../application/ports.ts';

/**
 * Inbox id and saga of a consumed message. v2: the envelope's `message_id` and `correlation_id`. v1 (the
 * original's tools, no envelope): `pulsar:<topic>:<message id>`, stable across redeliveries, and the saga id
 * derived from the influencer the message names, so a v1 message is processed like a v2 one.
 */
export function messageContext(
  record: Envelope,
  message: Message<unknown>,
  idInfluencer: string | null | undefined,
): MessageContext {
  const influencer = idInfluencer?.trim() || null;
  return {
    inboxId: record.message_id?.trim() || `pulsar:${message.topic}:${messageIdToString(message.messageId)}`,
    correlationId: record.correlation_id?.trim() || (influencer === null ? null : sagaIds.correlationId(influencer)),
  };
}

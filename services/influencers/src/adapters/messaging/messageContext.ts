import { sagaIds, type Envelope } from '@alpes/contracts';
import { messageIdToString, type Message } from '@alpes/pulsar';
import type { MessageContext } from '../../application/ports.ts';

/**
 * Inbox id and saga of a consumed message. v2: the envelope's `message_id` and `correlation_id`. v1 (the
 * original's tools, no envelope): an id stable across redeliveries, `pulsar:<topic>:<message id>`, and the
 * saga id derived from the influencer id the way every service derives it.
 */
export function messageContext(
  record: Envelope,
  message: Message<unknown>,
  options: { topic: string; influencerId: string | null | undefined },
): MessageContext {
  const inboxId = record.message_id ?? `pulsar:${options.topic}:${messageIdToString(message.messageId)}`;
  const influencerId = options.influencerId?.trim() ?? '';
  const derived = influencerId === '' ? null : sagaIds.correlationId(influencerId);
  return { inboxId, correlationId: record.correlation_id ?? derived };
}

import type { EventoSaga } from '@alpes/contracts';
import { messageIdToString } from '@alpes/pulsar';
import type { Message, MessageId } from '@alpes/pulsar';
import { eventNameOf } from '../../domain/streamEvent.ts';
import type { StreamEventName } from '../../domain/streamEvent.ts';

/** One saga transition as the stream sends it: `id` is the Pulsar message id, the same on every BFF instance. */
export interface StreamEvent {
  readonly id: string;
  readonly messageId: MessageId;
  readonly name: StreamEventName;
  readonly idCorrelacion: string | null;
  /** Serialized once, sent to every client. */
  readonly json: string;
}

/**
 * `data` of the SSE event: the `SagaTransicionPayload` fields plus the envelope's `message_id` and `occurred_at`.
 * Undefined for a message without payload; throws `SchemaDecodeError` for one that does not decode.
 */
export function toStreamEvent(message: Message<EventoSaga>): StreamEvent | undefined {
  // avsc decodes to record instances: the JSON round trip makes plain data of them.
  const value = JSON.parse(JSON.stringify(message.value)) as EventoSaga;
  if (value.data === null) return undefined;
  const data = { ...value.data, message_id: value.message_id, occurred_at: value.occurred_at };
  return {
    id: messageIdToString(message.messageId),
    messageId: message.messageId,
    name: eventNameOf(value.data.evento),
    idCorrelacion: value.data.id_correlacion,
    json: JSON.stringify(data),
  };
}

/** The SSE frame (WHATWG HTML §9.2): JSON.stringify never emits a raw line break, so one `data:` line suffices. */
export function sseFrame(event: StreamEvent): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${event.json}\n\n`;
}

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
  /** Serialized once, sent to operators and to the saga's registrant. */
  readonly json: string;
  /** The same without personal data or free text, for anonymous clients (issue 16). */
  readonly publicJson: string;
}

/** Which of the two serializations a client gets. */
export type StreamView = 'full' | 'public';

/**
 * What a stranger may see of a transition: codes, states and times. `detalle` (registration data), `error`
 * (free text) and `id_influencer` (the client's own id, which may be a name) stay out.
 */
const PUBLIC_FIELDS = [
  'id_correlacion',
  'evento',
  'paso',
  'index_paso',
  'estado_saga',
  'estado_paso',
  'comando',
  'evento_origen',
  'compensacion',
  'error_codigo',
  'exitosa',
  'fecha_evento',
  'message_id',
  'occurred_at',
] as const;

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
    publicJson: JSON.stringify(
      Object.fromEntries(PUBLIC_FIELDS.map((field) => [field, (data as Record<string, unknown>)[field] ?? null])),
    ),
  };
}

/** The SSE frame (WHATWG HTML §9.2): JSON.stringify never emits a raw line break, so one `data:` line suffices. */
export function sseFrame(event: StreamEvent, view: StreamView): string {
  return `id: ${event.id}\nevent: ${event.name}\ndata: ${view === 'full' ? event.json : event.publicJson}\n\n`;
}

/** Tells the client its resume point is older than the replay window: reload the state, then follow live. */
export const RESET_FRAME = 'event: reset\ndata: {"reason":"resume older than the replay window; reload the state"}\n\n';

import { catalogue, deterministicId } from '@alpes/contracts';
import type { DomainError, OutboxMessage, NewEvent } from '@alpes/eventstore';
import { envelope, outboxMessage } from '@alpes/service-kit';
import type { Confirmacion } from '../../application/confirmacionEliminacion.ts';
import type { MessageContext } from '@alpes/shared-kernel';
import type { CrearInfluencer, InfluencerEvent, InfluencerRegistradoData } from '../../domain/index.ts';

const producer = 'influencers';

/** `InfluencerRegistrado` → `eventos-influencers` (v2): the wire payload, the envelope from the stored event. */
export function registradoMessage(event: NewEvent<InfluencerEvent>): OutboxMessage {
  const data = event.data as InfluencerRegistradoData;
  return outboxMessage(
    'eventos-influencers',
    {
      data: {
        id_influencer: data.id_influencer,
        nombre: data.nombre,
        email: data.email,
        categorias: [...data.categorias],
        fecha_registro: data.fecha_registro,
      },
      ...envelope({
        messageId: event.eventId,
        messageType: catalogue['eventos-influencers'].messageType,
        producer,
        occurredAt: data.fecha_registro,
        correlationId: event.metadata.correlationId ?? null,
        causationId: event.metadata.causationId ?? null,
      }),
    },
    { eventTime: data.fecha_registro },
  );
}

/**
 * `InfluencerEliminado` → `eventos-influencers-eliminados`. A confirmation re-published from the state has no
 * stored event: its id derives from the message that asked again, so each retry of the saga gets an answer.
 */
export function eliminadoMessage(confirmacion: Confirmacion, context: MessageContext): OutboxMessage {
  const { data } = confirmacion;
  const occurredAt = Date.parse(data.fecha_eliminacion);
  return outboxMessage(
    'eventos-influencers-eliminados',
    {
      data: { influencer_id: data.influencer_id, razon: data.razon, fecha_eliminacion: data.fecha_eliminacion },
      ...envelope({
        messageId: confirmacion.eventId ?? deterministicId('InfluencerEliminado', data.influencer_id, context.inboxId),
        messageType: catalogue['eventos-influencers-eliminados'].messageType,
        producer,
        occurredAt,
        correlationId: context.correlationId,
        causationId: context.causationId,
      }),
    },
    { eventTime: occurredAt },
  );
}

const orNull = (value: string) => (value.trim() === '' ? null : value);

/** A refused `CrearInfluencer` → `eventos-influencers-error` (`ErrorCreacionInfluencer`), keyed by the client id. */
export function errorMessage(error: DomainError, command: CrearInfluencer, context: MessageContext): OutboxMessage {
  const { data } = command;
  const { now } = context;
  return outboxMessage(
    'eventos-influencers-error',
    {
      data: {
        id_influencer: orNull(data.id_influencer),
        nombre: orNull(data.nombre),
        email: orNull(data.email),
        error_codigo: error.code,
        error: error.message,
        error_detalle: error.details === undefined ? null : JSON.stringify(error.details),
        fecha_error: new Date(now).toISOString(),
      },
      ...envelope({
        messageId: deterministicId('ErrorCreacionInfluencer', context.inboxId),
        messageType: catalogue['eventos-influencers-error'].messageType,
        producer,
        occurredAt: now,
        correlationId: context.correlationId,
        causationId: context.causationId,
      }),
    },
    { eventTime: now, key: orNull(data.id_influencer) ?? context.inboxId },
  );
}

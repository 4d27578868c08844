import { randomUUID } from 'node:crypto';
import {
  sagaIds,
  samples,
  type ComandoEliminarInfluencer,
  type CrearInfluencerPayload,
  type EventoCrearInfluencer,
} from '@alpes/contracts';

/** A v2 `CrearInfluencer` as the BFF sends it, for a fresh influencer id (deterministic message id). */
export function crearRecord(
  id: string = randomUUID(),
  data: Partial<CrearInfluencerPayload> = {},
  plataformas: string[] | null = ['instagram', 'tiktok'],
): EventoCrearInfluencer {
  const base = samples['eventos-crear-influencer'];
  const correlationId = sagaIds.correlationId(id);
  return {
    ...base,
    data: { ...(base.data as CrearInfluencerPayload), id, ...data },
    message_id: sagaIds.commandId('CrearInfluencer', correlationId),
    correlation_id: correlationId,
    occurred_at: Date.now(),
    plataformas,
  };
}

/** The same registration as the original tools sent it: v1, no envelope. */
export function crearRecordV1(
  id: string = randomUUID(),
  data: Partial<CrearInfluencerPayload> = {},
): EventoCrearInfluencer {
  return {
    ...crearRecord(id, data, null),
    message_id: null,
    message_type: null,
    correlation_id: null,
    causation_id: null,
    occurred_at: null,
    producer_service: null,
  };
}

/** The saga's compensation; every retry of the saga carries a new message id. */
export function eliminarRecord(
  id: string,
  messageId: string = randomUUID(),
  razon = 'Compensación por error en creación de campaña',
): ComandoEliminarInfluencer {
  return {
    ...samples['comandos-influencers-eliminacion'],
    data: { influencer_id: id, razon, fecha_solicitud: new Date().toISOString() },
    message_id: messageId,
    correlation_id: sagaIds.correlationId(id),
    occurred_at: Date.now(),
  };
}

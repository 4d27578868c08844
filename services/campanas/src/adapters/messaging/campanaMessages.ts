import { deterministicId, type TopicName } from '@alpes/contracts';
import type { EventoCampanaCreada, EventoCampanaEliminada, EventoCampanaError } from '@alpes/contracts';
import type { DomainError, OutboxMessage } from '@alpes/eventstore';
import { envelopeCausedBy, outboxMessage } from '@alpes/service-kit';
import type { Confirmacion } from '../../application/confirmacionEliminacion.ts';
import type { MessageContext } from '@alpes/shared-kernel';
import type { CampanaCreadaData, CrearCampana } from '../../domain/index.ts';

/** Wire-only constants of `CampanaCreadaPayload` (original §4.3): the contract the saga derives from it. */
const entregables = 'Promoción de campaña';
const tipoContrato = 'puntual';

function envelopeFor(topic: TopicName, messageId: string, occurredAt: number, context: MessageContext) {
  return envelopeCausedBy('campanas', topic, { messageId, occurredAt }, context);
}

/** `EventoCampanaCreada` v2: `tipo_comision` as the code (D-17), money as exact decimals next to the legacy floats. */
export function campanaCreadaMessage(eventId: string, data: CampanaCreadaData, context: MessageContext): OutboxMessage {
  const occurredAt = Date.parse(data.fecha_creacion);
  const record: EventoCampanaCreada = {
    data: {
      campana_id: data.campana_id,
      nombre: data.nombre,
      descripcion: data.descripcion,
      tipo_comision: data.tipo_comision,
      valor_comision: Number(data.valor_comision),
      moneda: data.moneda,
      categorias_objetivo: [...data.categorias_objetivo],
      fecha_inicio: data.fecha_inicio,
      fecha_fin: data.fecha_fin,
      influencer_id: data.influencer_id,
      influencer_nombre: data.influencer_nombre,
      influencer_email: data.influencer_email,
      monto_base: Number(data.valor_comision),
      entregables,
      tipo_contrato: tipoContrato,
      fecha_creacion: data.fecha_creacion,
    },
    ...envelopeFor('eventos-campanas', eventId, occurredAt, context),
    valor_comision_decimal: data.valor_comision,
    monto_base_decimal: data.valor_comision,
  };
  return outboxMessage('eventos-campanas', record, { eventTime: occurredAt });
}

/**
 * `EventoCampanaEliminada` on its own topic (never the request topic, D-14). A confirmation re-published from
 * the state gets a message id of its own, derived from the request's, so the saga's inbox does not drop it.
 */
export function campanaEliminadaMessage(confirmacion: Confirmacion, context: MessageContext): OutboxMessage {
  const { data } = confirmacion;
  const occurredAt = Date.parse(data.fecha_eliminacion);
  const messageId = confirmacion.eventId ?? deterministicId('CampanaEliminada', context.inboxId);
  const record: EventoCampanaEliminada = {
    data: {
      campana_id: data.campana_id,
      influencer_id: data.influencer_id,
      razon: data.razon,
      fecha_eliminacion: data.fecha_eliminacion,
    },
    ...envelopeFor('eventos-campanas-eliminadas', messageId, occurredAt, context),
  };
  return outboxMessage('eventos-campanas-eliminadas', record, { eventTime: occurredAt });
}

/** `ErrorCreacionCampana`: the refusal's code and readable message (nothing fails silently, D-07). */
export function campanaErrorMessage(error: DomainError, command: CrearCampana, context: MessageContext): OutboxMessage {
  const { data } = command;
  const occurredAt = Date.parse(data.fecha_creacion);
  const idCampana = data.campana_id.trim() || null;
  const record: EventoCampanaError = {
    data: {
      id_campana: idCampana,
      id_influencer: data.influencer_origen_id?.trim() || null,
      nombre: data.nombre.trim() || null,
      error_codigo: error.code,
      error: error.message,
      error_detalle: detalle(error),
      fecha_error: data.fecha_creacion,
    },
    ...envelopeFor(
      'eventos-campanas-error',
      deterministicId('ErrorCreacionCampana', context.inboxId),
      occurredAt,
      context,
    ),
  };
  return outboxMessage('eventos-campanas-error', record, {
    eventTime: occurredAt,
    key: idCampana ?? context.correlationId ?? context.inboxId,
  });
}

function detalle(error: DomainError): string {
  const base = `Error en creación de campaña: ${error.message}`;
  return error.details === undefined ? base : `${base} ${JSON.stringify(error.details)}`;
}

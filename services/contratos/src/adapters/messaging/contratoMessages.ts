import { deterministicId } from '@alpes/contracts';
import type { EventoContratoCreado, EventoContratoEliminado, EventoContratoError, TopicName } from '@alpes/contracts';
import type { DomainError, OutboxMessage, NewEvent } from '@alpes/eventstore';
import { envelopeCausedBy, outboxMessage } from '@alpes/service-kit';
import { tiposContrato } from '../../domain/index.ts';
import type {
  ContratoCreado,
  ContratoEliminado,
  ContratoState,
  CrearContrato,
  EliminarContrato,
} from '../../domain/index.ts';
import type { MessageContext } from '@alpes/shared-kernel';

const producer = 'contratos';

function envelopeOf(topic: TopicName, messageId: string, context: MessageContext, occurredAt: number) {
  return envelopeCausedBy(producer, topic, { messageId, occurredAt }, context);
}

/** `ContratoCreado` → `eventos-contratos` (v2): message_id = the stored event id; money exact and as the legacy float. */
export function contratoCreadoMessage(event: NewEvent<ContratoCreado>, context: MessageContext): OutboxMessage {
  const c = event.data;
  const record: EventoContratoCreado = {
    data: {
      id_contrato: c.id_contrato,
      id_influencer: c.id_influencer,
      id_campana: c.id_campana,
      monto_total: Number(c.monto_total),
      moneda: c.moneda,
      tipo_contrato: c.tipo_contrato,
      fecha_creacion: c.fecha_creacion,
    },
    ...envelopeOf('eventos-contratos', event.eventId, context, context.now),
    monto_total_decimal: c.monto_total,
  };
  return outboxMessage('eventos-contratos', record, { eventTime: context.now });
}

const decimal = /^\d+(\.\d+)?$/;

/** As the domain reads it: one of the four codes, anything else `puntual` (§6.3). */
const tipoDe = (tipo: string | null | undefined) =>
  tiposContrato.find((t) => t === tipo?.trim().toLowerCase()) ?? 'puntual';

/**
 * A refusal → `ErrorCreacionContrato` on `eventos-contratos-error` (v2): `error_codigo` = the code, `error` = the
 * domain's readable message (never database text, D-31). Its message id is derived from the inbox id, so the
 * same refused message always yields the same error message id.
 */
export function contratoErrorMessage(
  error: DomainError,
  command: CrearContrato,
  context: MessageContext,
): OutboxMessage {
  const c = command.data;
  const monto = decimal.test(c.monto_base.trim()) ? c.monto_base.trim() : null;
  const record: EventoContratoError = {
    data: {
      id_contrato: c.id_contrato,
      id_influencer: c.influencer_id,
      id_campana: c.campana_id,
      monto_total: monto === null ? null : Number(monto),
      moneda: c.moneda,
      tipo_contrato: tipoDe(c.tipo_contrato),
      fecha_creacion: c.fecha_creacion,
      error: error.message,
      error_detalle: `Error en creación de contrato (${error.code}): ${error.message}`,
    },
    ...envelopeOf(
      'eventos-contratos-error',
      deterministicId('ErrorCreacionContrato', context.inboxId),
      context,
      context.now,
    ),
    monto_total_decimal: monto,
    error_codigo: error.code,
  };
  const key = c.id_contrato.trim() || context.correlationId || context.inboxId;
  return outboxMessage('eventos-contratos-error', record, { eventTime: context.now, key });
}

function eliminadoRecord(
  data: EventoContratoEliminado['data'] & object,
  messageId: string,
  context: MessageContext,
  occurredAt: number,
): EventoContratoEliminado {
  return { data, ...envelopeOf('eventos-contratos-eliminados', messageId, context, occurredAt) };
}

/** `ContratoEliminado` → `eventos-contratos-eliminados`: the confirmation the saga waits for. */
export function contratoEliminadoMessage(event: NewEvent<ContratoEliminado>, context: MessageContext): OutboxMessage {
  const { contrato_id, campana_id, influencer_id, razon, fecha_eliminacion } = event.data;
  const record = eliminadoRecord(
    { contrato_id, campana_id, influencer_id, razon, fecha_eliminacion },
    event.eventId,
    context,
    context.now,
  );
  return outboxMessage('eventos-contratos-eliminados', record, { eventTime: context.now });
}

/**
 * The contract was already deleted: confirm again from the state, because the saga retries a compensation
 * with a new message id until it sees a confirmation. A fresh message id (from the inbox id), so a consumer
 * that deduplicates does not drop it as the first confirmation.
 */
export function contratoYaEliminadoMessage(
  state: ContratoState,
  command: EliminarContrato,
  context: MessageContext,
): OutboxMessage[] {
  if (state.estado !== 'eliminado') return [];
  const c = command.data;
  const record = eliminadoRecord(
    {
      contrato_id: c.contrato_id,
      campana_id: state.contrato?.id_campana ?? c.campana_id ?? null,
      influencer_id: state.contrato?.id_influencer ?? c.influencer_id ?? null,
      razon: state.razon,
      fecha_eliminacion: state.fecha_eliminacion,
    },
    deterministicId('ContratoEliminado', context.inboxId),
    context,
    context.now,
  );
  return [outboxMessage('eventos-contratos-eliminados', record, { eventTime: context.now })];
}

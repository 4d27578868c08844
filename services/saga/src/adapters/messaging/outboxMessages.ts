import type { NewEvent, OutboxMessage } from '@alpes/eventstore';
import { envelope, outboxMessage } from '@alpes/service-kit';
import type { SagaEvent, SagaState } from '../../domain/index.ts';
import { transicion } from '../../application/transicion.ts';
import { crearCampana, crearContrato, eliminar, type CommandContext } from './commandRecords.ts';
import type { TopicRouter } from './topics.ts';

/**
 * The saga's outbox rows for new saga events: the next command (or compensation), and one
 * `eventos-saga` message per event for the BFF's stream.
 */
export function sagaOutbox(
  events: readonly NewEvent<SagaEvent>[],
  state: SagaState,
  route: TopicRouter,
): OutboxMessage[] {
  return events.flatMap((stored) => {
    const event = { type: stored.type, data: stored.data } as SagaEvent;
    const ctx: CommandContext = {
      state,
      at: event.data.at,
      causationId: (stored.metadata.causationId as string | undefined) ?? null,
    };
    return [...commandFor(event, ctx, route), transitionMessage(stored, event, state, route)];
  });
}

function commandFor(event: SagaEvent, ctx: CommandContext, route: TopicRouter): OutboxMessage[] {
  const at = { eventTime: ctx.at };
  if (event.type === 'PasoIniciado' && event.data.paso === 'campana') {
    return [route(outboxMessage('comandos-campanas', crearCampana(ctx), at))];
  }
  if (event.type === 'PasoIniciado' && event.data.paso === 'contrato') {
    return [route(outboxMessage('comandos-contratos-v2', crearContrato(ctx), at))];
  }
  if (event.type === 'CompensacionIniciada') {
    const { topic, record } = eliminar(event.data.paso, event.data.intento, ctx);
    return [route(outboxMessage(topic, record as never, at))];
  }
  return [];
}

function transitionMessage(
  stored: NewEvent<SagaEvent>,
  event: SagaEvent,
  state: SagaState,
  route: TopicRouter,
): OutboxMessage {
  const t = transicion(event, (stored.metadata.causa as string | undefined) ?? null);
  return route(
    outboxMessage(
      'eventos-saga',
      {
        data: {
          id_correlacion: state.sagaId,
          id_influencer: state.idInfluencer,
          evento: t.evento,
          paso: t.paso,
          index_paso: t.indexPaso,
          estado_saga: t.estadoSaga,
          estado_paso: t.estadoPaso,
          comando: t.comando,
          evento_origen: t.eventoOrigen,
          compensacion: t.compensacion,
          error_codigo: t.errorCodigo,
          error: t.error,
          exitosa: t.exitosa,
          fecha_evento: new Date(t.at).toISOString(),
          detalle: JSON.stringify(t.detalle),
        },
        ...envelope({
          messageId: stored.eventId,
          messageType: 'TransicionSaga',
          correlationId: state.sagaId,
          causationId: (stored.metadata.causationId as string | undefined) ?? null,
          occurredAt: t.at,
          producer: 'saga',
        }),
      },
      { eventTime: t.at },
    ),
  );
}

import type { ComandoEliminarContrato } from '@alpes/contracts';
import type { NewEvent } from '@alpes/eventstore';
import { eliminarContrato } from '../../application/eliminarContrato.ts';
import type { ContratoEliminado, ContratoEvent } from '../../domain/index.ts';
import { contratosProjection } from '../postgres/contratosProjection.ts';
import { runDecisions } from '../postgres/runDecisions.ts';
import { contratoEliminadoMessage, contratoYaEliminadoMessage } from './contratoMessages.ts';
import { logOutcome, metadataOf, type HandlerDeps } from './handlerDeps.ts';
import { messageContext, type Received } from '@alpes/service-kit';
import { subscriptionOf } from './subscriptions.ts';
import { toEliminarContrato } from './toEliminarContrato.ts';

const isEliminado = (event: NewEvent): event is NewEvent<ContratoEliminado> => event.type === 'ContratoEliminado';

/**
 * `ComandoEliminarContrato` (compensation) → soft delete + email released in one transaction → confirmation on
 * `eventos-contratos-eliminados`; when already deleted, the confirmation again from the state. The domain has
 * no refusal for a well-formed delete, so a DomainError here is a bug: it propagates (retry, then DLQ).
 */
export function eliminarContratoHandler(deps: HandlerDeps) {
  return async (record: ComandoEliminarContrato, message: Received): Promise<void> => {
    const context = messageContext(record, message, { influencerId: record.data?.influencer_id, now: deps.clock() });
    const command = toEliminarContrato(record, context.now);
    const outcome = await runDecisions<Awaited<ReturnType<typeof eliminarContrato>>, ContratoEvent>({
      store: deps.store,
      inboxId: context.inboxId,
      consumer: subscriptionOf('comandos-contratos-eliminacion'),
      metadata: metadataOf(context),
      retry: deps.retry,
      handle: (decisions) => eliminarContrato(decisions, command),
      projections: [contratosProjection],
      outbox: (result, appended) => {
        const eliminados = appended.filter(isEliminado);
        if (eliminados.length > 0) return eliminados.map((event) => contratoEliminadoMessage(event, context));
        return contratoYaEliminadoMessage(result.state, command, context);
      },
      onRejected: (error) => {
        throw error;
      },
    });
    logOutcome(
      deps.log,
      'EliminarContrato',
      { contrato_id: command.data.contrato_id, inboxId: context.inboxId },
      outcome,
    );
  };
}

import type { ComandoCrearContrato } from '@alpes/contracts';
import type { NewEvent } from '@alpes/eventstore';
import { crearContrato } from '../../application/crearContrato.ts';
import type { ContratoCreado, ContratoEvent } from '../../domain/index.ts';
import { contratosProjection } from '../postgres/contratosProjection.ts';
import { runDecisions } from '../postgres/runDecisions.ts';
import { contratoCreadoMessage, contratoErrorMessage } from './contratoMessages.ts';
import { logOutcome, metadataOf, type HandlerDeps } from './handlerDeps.ts';
import { messageContext, type Received } from '@alpes/service-kit';
import { subscriptionOf } from './subscriptions.ts';
import { toCrearContrato } from './toCrearContrato.ts';

const isCreado = (event: NewEvent): event is NewEvent<ContratoCreado> => event.type === 'ContratoCreado';

/** `ComandoCrearContrato` → contract + email reservation in one statement → `ContratoCreado`, or `ErrorCreacionContrato`. */
export function crearContratoHandler(deps: HandlerDeps) {
  return async (record: ComandoCrearContrato, message: Received): Promise<void> => {
    const context = messageContext(record, message, { influencerId: record.data?.influencer_id, now: deps.clock() });
    const command = toCrearContrato(record, context);
    const outcome = await runDecisions<unknown, ContratoEvent>({
      store: deps.store,
      inboxId: context.inboxId,
      consumer: subscriptionOf('comandos-contratos-v2'),
      metadata: metadataOf(context),
      retry: deps.retry,
      handle: (decisions) => crearContrato(decisions, command),
      projections: [contratosProjection],
      outbox: (_result, appended) => appended.filter(isCreado).map((event) => contratoCreadoMessage(event, context)),
      onRejected: (error) => [contratoErrorMessage(error, command, context)],
    });
    const fields = {
      id_contrato: command.data.id_contrato,
      inboxId: context.inboxId,
      correlationId: context.correlationId,
    };
    logOutcome(deps.log, 'CrearContrato', fields, outcome);
  };
}

import type { DomainError, EventMetadata, OutboxMessage, NewEvent } from '@alpes/eventstore';
import type { PostgresEventStore } from '@alpes/eventstore/postgres';
import { runCommand } from '@alpes/service-kit';
import { confirmacionEliminacion } from '../../application/confirmacionEliminacion.ts';
import type { CommandOutcome, InfluencerCommandRunner, MessageContext } from '../../application/ports.ts';
import { influencerDecider } from '../../domain/index.ts';
import type { InfluencerCommand, InfluencerEvent, InfluencerState } from '../../domain/index.ts';
import { eliminadoMessage, errorMessage, registradoMessage } from '../messaging/outboxMessages.ts';
import { influencersProjection } from './influencersProjection.ts';

/** `influencer-<id>`: every stream id names its aggregate (migration 2 carried the older `<id>` streams over). */
export const streamIdOf = (command: InfluencerCommand) =>
  `influencer-${(command.type === 'CrearInfluencer' ? command.data.id_influencer : command.data.influencer_id).trim()}`;

function outboxFor(command: InfluencerCommand, context: MessageContext) {
  return (events: readonly NewEvent<InfluencerEvent>[], state: InfluencerState): OutboxMessage[] => {
    if (command.type === 'CrearInfluencer')
      return events.filter((e) => e.type === 'InfluencerRegistrado').map(registradoMessage);
    const confirmacion = confirmacionEliminacion(command.data.influencer_id.trim(), events, state);
    return confirmacion === undefined ? [] : [eliminadoMessage(confirmacion, context)];
  };
}

/**
 * A refused registration becomes `ErrorCreacionInfluencer`. A refused compensation has no error topic the saga
 * would read as such (and cannot happen: the policy checks the id, the application sets the instant), so it
 * fails the transaction and the message is retried, then dead-lettered.
 */
function rejectionFor(command: InfluencerCommand, context: MessageContext, now: () => number) {
  return (error: DomainError): OutboxMessage[] => {
    if (command.type === 'CrearInfluencer') return [errorMessage(command, error, { context, now: now() })];
    throw new Error(`EliminarInfluencer refused (${error.code}): ${error.message}`, { cause: error });
  };
}

function metadataOf(context: MessageContext): EventMetadata {
  return context.correlationId === null
    ? { causationId: context.inboxId }
    : { correlationId: context.correlationId, causationId: context.inboxId };
}

/** The command runner on PostgreSQL: events + `influencers` read model + outbox + inbox in one transaction. */
export function createPostgresCommandRunner(options: {
  store: PostgresEventStore;
  now: () => number;
}): InfluencerCommandRunner {
  return {
    run: async (command, context): Promise<CommandOutcome> => {
      const outcome = await runCommand({
        store: options.store,
        streamId: streamIdOf(command),
        decider: influencerDecider,
        command,
        metadata: metadataOf(context),
        inboxId: context.inboxId,
        consumer: command.type,
        projections: [influencersProjection],
        outbox: outboxFor(command, context),
        onRejected: rejectionFor(command, context, options.now),
      });
      if (outcome.outcome === 'applied')
        return { outcome: 'applied', events: outcome.result.events, state: outcome.result.state };
      return outcome;
    },
  };
}

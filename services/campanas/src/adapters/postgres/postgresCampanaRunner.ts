import type { PostgresEventStore } from '@alpes/eventstore/postgres';
import { runCommand } from '@alpes/service-kit';
import type { CampanaCommandRunner, CommandOutcome } from '../../application/ports.ts';
import { campanaDecider, type CampanaCommand } from '../../domain/index.ts';
import { campanaOutbox, campanaRejection } from '../messaging/campanaOutbox.ts';
import { campanasProjection } from './campanasProjection.ts';

/** One stream per campaign id (chosen by the saga, D-03). */
export const streamIdOf = (command: CampanaCommand): string => `campana-${command.data.campana_id}`;

/**
 * The command runner on the PostgreSQL event store: decide → events + read model + outbox + inbox in one
 * transaction, or the error event + inbox when a business rule refuses the command.
 */
export function createPostgresCampanaRunner(store: PostgresEventStore): CampanaCommandRunner {
  return {
    run: async (command, context): Promise<CommandOutcome> => {
      const outcome = await runCommand({
        store,
        streamId: streamIdOf(command),
        decider: campanaDecider,
        command,
        metadata: { correlationId: context.correlationId ?? undefined, causationId: context.inboxId },
        inboxId: context.inboxId,
        consumer: 'campanas',
        projections: [campanasProjection],
        outbox: campanaOutbox(command, context),
        onRejected: campanaRejection(command, context),
      });
      if (outcome.outcome !== 'applied') return outcome;
      return { outcome: 'applied', events: outcome.result.events, state: outcome.result.state };
    },
  };
}

import type { Decision } from '@alpes/eventstore';
import type { PostgresEventStore } from '@alpes/eventstore/postgres';
import { runCommand, serialByKey, type CommandOutcome } from '@alpes/service-kit';
import { sagaDecider, type Politica, type SagaCommand, type SagaEvent, type SagaState } from '../../domain/index.ts';
import { sagaOutbox } from '../messaging/outboxMessages.ts';
import type { SagaInput } from '../messaging/toSagaCommand.ts';
import type { TopicRouter } from '../messaging/topics.ts';
import { observe, type SagaMetrics } from '../../metrics.ts';
import { sagaReadModels } from './projections.ts';

export interface MessageInfo {
  readonly inboxId: string;
  /** message_type of the message, stored with the saga events and in the log. */
  readonly causa: string;
  readonly causationId: string;
}

interface RunnerOptions {
  readonly store: PostgresEventStore;
  readonly politica: Politica;
  readonly route: TopicRouter;
  readonly metrics: SagaMetrics;
  readonly now?: () => number;
}

/** Saga commands in one statement each, one saga's at a time: saga events, `sagas` + `saga_log`, outbox (next command + transition). */
export function createSagaRunner(options: RunnerOptions) {
  const now = options.now ?? Date.now;
  // One saga's commands one at a time in this process: its messages come from four topics (and the deadline
  // scheduler), and two of them racing for the same stream version would fail a commit and run again.
  const serial = serialByKey();
  type Outcome = CommandOutcome<Decision<SagaState, SagaEvent>, SagaEvent>;
  /** One saga command through service-kit's pipeline, on the saga's stream; `inboxId` undefined for a timer's. */
  const run = (command: SagaCommand, causa: string, message: MessageInfo | undefined): Promise<Outcome> =>
    serial(command.sagaId, () =>
      runCommand({
        store: options.store,
        inboxId: message?.inboxId,
        consumer: 'saga',
        metadata: { correlationId: command.sagaId, causationId: message?.causationId, causa },
        decide: (decisions) => decisions.decide(sagaDecider, `saga-${command.sagaId}`, command),
        projections: [(events, result) => sagaReadModels(events, result.state)],
        outbox: (result, appended) => sagaOutbox(appended, result.state, options.route),
        // A refused message is recorded in the inbox and ignored; a refused timer fails (the scheduler counts it).
        onRejected: (error) => {
          if (message === undefined) throw error;
          return [];
        },
      }),
    );
  const observed = (outcome: Outcome): Outcome => {
    if (outcome.outcome === 'applied') observe(options.metrics, outcome.events, outcome.result.state);
    return outcome;
  };

  /** A consumed message: deduplicated by the inbox; an outcome for an unknown saga is ignored. */
  const handle = async (input: SagaInput, info: MessageInfo): Promise<Outcome> =>
    observed(await run({ ...input, at: now(), politica: options.politica } as SagaCommand, info.causa, info));

  /** The deadline scheduler's command; concurrent schedulers are harmless (the second decides nothing). */
  const expire = async (sagaId: string): Promise<number> => {
    const command: SagaCommand = { type: 'VencerPlazo', sagaId, at: now(), politica: options.politica };
    const outcome = observed(await run(command, 'PlazoVencido', undefined));
    return outcome.outcome === 'applied' ? outcome.events.length : 0;
  };

  return { handle, expire };
}

export type SagaRunner = ReturnType<typeof createSagaRunner>;

import type { PostgresEventStore } from '@alpes/eventstore/postgres';
import { handleCommand } from '@alpes/eventstore/postgres';
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
  const common = (sagaId: string, causa: string, causationId: string | undefined) => ({
    store: options.store,
    streamId: `saga-${sagaId}`,
    decider: sagaDecider,
    metadata: { correlationId: sagaId, causationId, causa },
    projections: [sagaReadModels],
    outbox: (events: Parameters<typeof sagaOutbox>[0], state: SagaState) => sagaOutbox(events, state, options.route),
  });

  /** A consumed message: deduplicated by the inbox; an outcome for an unknown saga is ignored. */
  const handle = async (input: SagaInput, info: MessageInfo): Promise<CommandOutcome<SagaState, SagaEvent>> => {
    const command = { ...input, at: now(), politica: options.politica } as SagaCommand;
    const outcome = await serial(input.sagaId, () =>
      runCommand({
        ...common(input.sagaId, info.causa, info.causationId),
        command,
        inboxId: info.inboxId,
        consumer: 'saga',
        onRejected: () => [],
      }),
    );
    if (outcome.outcome === 'applied') observe(options.metrics, outcome.result.events, outcome.result.state);
    return outcome;
  };

  /** The deadline scheduler's command; concurrent schedulers are harmless (the second decides nothing). */
  const expire = async (sagaId: string): Promise<number> => {
    const command: SagaCommand = { type: 'VencerPlazo', sagaId, at: now(), politica: options.politica };
    const result = await serial(sagaId, () => handleCommand({ ...common(sagaId, 'PlazoVencido', undefined), command }));
    observe(options.metrics, result.events, result.state);
    return result.events.length;
  };

  return { handle, expire };
}

export type SagaRunner = ReturnType<typeof createSagaRunner>;

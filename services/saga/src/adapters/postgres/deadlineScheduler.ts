import { inSpan, type Logger } from '@alpes/service-kit';
import type { SagaMetrics } from '../../metrics.ts';
import type { SagaQueries } from './sagaQueries.ts';
import type { SagaRunner } from './sagaRunner.ts';

interface SchedulerOptions {
  readonly queries: SagaQueries;
  readonly runner: SagaRunner;
  readonly metrics: SagaMetrics;
  readonly log: Logger;
  readonly pollMs: number;
}

/**
 * Durable deadlines: they live in `sagas.proximo_plazo`, so they survive restarts. Every instance
 * polls; two instances firing the same deadline are serialised by the stream's optimistic
 * concurrency and the second decides nothing. No saga can stay stuck.
 */
export function startDeadlineScheduler(options: SchedulerOptions) {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  // One saga that throws (a corrupt stream, a bug in its decider) must not stop every other deadline: it is
  // logged and counted, and retried at the next poll (issue 18).
  // A deadline is not caused by a message: its span starts a trace of its own, named so that a saga's traces
  // other than its registration's are recognisably the scheduler's (timeouts, compensation retries).
  const fire = async (sagaId: string) => {
    try {
      const fired = await inSpan(
        { name: 'saga deadline', kind: 'internal', attributes: { 'alpes.id_correlacion': sagaId } },
        () => options.runner.expire(sagaId),
      );
      if (fired > 0) options.log('info', 'deadline passed', { id_correlacion: sagaId });
    } catch (error) {
      options.metrics.deadlineFailures.inc();
      options.log('error', 'deadline of a saga failed; the others go on', {
        id_correlacion: sagaId,
        err: error as Error,
      });
    }
  };

  const tick = async () => {
    for (const sagaId of await options.queries.due(100)) await fire(sagaId);
    const gauges = await options.queries.gauges();
    options.metrics.inFlight.set(gauges.in_flight);
    options.metrics.overdue.set(gauges.overdue);
    options.metrics.oldestInFlight.set(gauges.oldest_in_flight_seconds);
  };

  const loop = (async () => {
    while (running) {
      await tick().catch((error: Error) =>
        options.log('warn', 'deadline check failed; retrying', { error: error.message }),
      );
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.pollMs);
      });
    }
  })();

  return {
    stop: async () => {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

import { Counter, Gauge, Histogram } from 'prom-client';
import { createServiceMetrics } from '@alpes/service-kit';
import type { SagaEvent, SagaState } from './domain/index.ts';

/** The saga's metrics: outcome counters, step latencies, in-flight and overdue gauges. */
export function createSagaMetrics() {
  const base = createServiceMetrics('saga');
  const registers = [base.registry];
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  return {
    ...base,
    started: counter('sagas_started_total', 'Sagas started'),
    completed: counter('sagas_completed_total', 'Sagas that ended completada'),
    compensated: counter('sagas_compensated_total', 'Sagas that ended compensada'),
    failed: counter('sagas_failed_total', 'Sagas that ended fallida (a compensation never confirmed)'),
    stepSeconds: new Histogram({
      name: 'saga_step_seconds',
      help: 'From a step command to its success event',
      labelNames: ['paso'],
      registers,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    deadlineFailures: counter(
      'saga_deadline_failures_total',
      'Deadlines that threw for one saga (logged; the others still fire)',
    ),
    inFlight: new Gauge({ name: 'sagas_in_flight', help: 'Sagas en_curso or compensando', registers }),
    oldestInFlight: new Gauge({
      name: 'sagas_oldest_in_flight_seconds',
      help: 'Age of the oldest saga still en_curso or compensando',
      registers,
    }),
    stepDeadline: new Gauge({
      name: 'saga_step_deadline_seconds',
      help: 'The configured step deadline (SAGA_STEP_TIMEOUT_MS)',
      registers,
    }),
    overdue: new Gauge({
      name: 'sagas_overdue',
      help: 'Sagas whose next deadline passed more than 5 s ago (the scheduler is behind)',
      registers,
    }),
  };
}

export type SagaMetrics = ReturnType<typeof createSagaMetrics>;

/** Counts what a committed command did. */
export function observe(
  metrics: SagaMetrics,
  events: readonly { type: SagaEvent['type']; data: SagaEvent['data'] }[],
  state: SagaState,
): void {
  for (const event of events) {
    const e = event as SagaEvent;
    if (e.type === 'SagaIniciada') metrics.started.inc();
    else if (e.type === 'SagaCompletada') metrics.completed.inc();
    else if (e.type === 'SagaCompensada') metrics.compensated.inc();
    else if (e.type === 'SagaFallida') metrics.failed.inc();
    else if (e.type === 'PasoCompletado' && !e.data.tardio) {
      const desde = state.pasos[e.data.paso].desde;
      if (desde !== undefined)
        metrics.stepSeconds.observe({ paso: e.data.paso }, Math.max(0, e.data.at - desde) / 1000);
    }
  }
}

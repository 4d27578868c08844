import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A registry with process metrics and the consumer counters every service has. */
export function createServiceMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    consumed: new Counter({
      name: 'messages_consumed_total',
      help: 'Messages consumed, by topic and outcome',
      labelNames: ['topic', 'outcome'],
      registers,
    }),
    handled: new Histogram({
      name: 'message_handling_seconds',
      help: 'Time to handle one message (transaction included)',
      labelNames: ['topic'],
      registers,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
  };
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;

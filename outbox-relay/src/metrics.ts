import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The relay's Prometheus metrics, on a registry of its own (several relays may share a process in tests). */
export function createRelayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'outbox_relay_process_' });
  const registers = [registry];
  return {
    registry,
    published: new Counter({ name: 'outbox_relay_published_total', help: 'Outbox rows confirmed by the broker', labelNames: ['schema', 'topic'], registers }),
    backlog: new Gauge({ name: 'outbox_relay_backlog_rows', help: 'Outbox rows not yet published', labelNames: ['schema'], registers }),
    oldestAge: new Gauge({ name: 'outbox_relay_oldest_unpublished_age_seconds', help: 'Age of the oldest unpublished outbox row', labelNames: ['schema'], registers }),
    horizonAge: new Gauge({ name: 'outbox_relay_horizon_age_seconds', help: 'How long the xid8 horizon has been held back by the oldest running transaction', registers }),
    latency: new Histogram({
      name: 'outbox_relay_commit_to_ack_seconds', help: 'From the outbox write to the broker receipt', labelNames: ['schema'], registers,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    batchSize: new Histogram({
      name: 'outbox_relay_batch_size', help: 'Rows per published batch', labelNames: ['schema'], registers,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    }),
    errors: new Counter({ name: 'outbox_relay_errors_total', help: 'Errors by kind', labelNames: ['schema', 'kind'], registers }),
    leader: new Gauge({ name: 'outbox_relay_leader', help: '1 while this process is the active relay of the schema', labelNames: ['schema'], registers }),
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

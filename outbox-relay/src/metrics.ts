import type { BacklogStats } from './postgres/stats.ts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The relay's Prometheus metrics, on a registry of its own (several relays may share a process in tests). */
export function createRelayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'outbox_relay_process_' });
  const registers = [registry];
  /** Read at each scrape: one `[schema, seconds]` per schema relay (set by `startRelay`). */
  const progress: { ages: () => ReadonlyArray<readonly [string, number]> } = { ages: () => [] };
  /**
   * The database gauges are read at scrape time, by leader and standby alike: a leader stuck in a step (or a
   * standby) would otherwise show stale numbers — a backlog of 0 while nothing is published. One reading
   * serves the three gauges of a scrape (set by `startRelay`).
   */
  const database: { read: () => Promise<DatabaseReading | undefined> } = { read: async () => undefined };
  let reading: { at: number; value: Promise<DatabaseReading | undefined> } | undefined;
  const fresh = () => {
    if (!reading || Date.now() - reading.at > 500) reading = { at: Date.now(), value: database.read() };
    return reading.value;
  };
  return {
    registry,
    progress,
    database,
    published: new Counter({
      name: 'outbox_relay_published_total',
      help: 'Outbox rows confirmed by the broker',
      labelNames: ['schema', 'topic'],
      registers,
    }),
    backlog: new Gauge({
      name: 'outbox_relay_backlog_rows',
      help: 'Outbox rows after the relay cursor (the last published batch counts until the next claim moves the cursor)',
      labelNames: ['schema'],
      registers,
      async collect() {
        for (const [schema, stats] of (await fresh())?.backlog ?? []) this.set({ schema }, stats.rows);
      },
    }),
    oldestAge: new Gauge({
      name: 'outbox_relay_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox row after the relay cursor',
      labelNames: ['schema'],
      registers,
      async collect() {
        for (const [schema, stats] of (await fresh())?.backlog ?? []) this.set({ schema }, stats.oldestAgeSeconds);
      },
    }),
    horizonAge: new Gauge({
      name: 'outbox_relay_horizon_age_seconds',
      help: 'How long the xid8 horizon has been held back by the oldest running transaction',
      registers,
      async collect() {
        const value = (await fresh())?.horizonAgeSeconds;
        if (value !== undefined) this.set(value);
      },
    }),
    latency: new Histogram({
      name: 'outbox_relay_commit_to_ack_seconds',
      help: 'From the outbox write to the broker receipt',
      labelNames: ['schema'],
      registers,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    batchSize: new Histogram({
      name: 'outbox_relay_batch_size',
      help: 'Rows per published batch',
      labelNames: ['schema'],
      registers,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    }),
    errors: new Counter({
      name: 'outbox_relay_errors_total',
      help: 'Errors by kind',
      labelNames: ['schema', 'kind'],
      registers,
    }),
    progressAge: new Gauge({
      name: 'outbox_relay_last_step_age_seconds',
      help: 'Seconds since the leading relay of the schema last finished a step (0 on a standby); an idle leader steps every poll interval',
      labelNames: ['schema'],
      registers,
      collect() {
        for (const [schema, age] of progress.ages()) this.set({ schema }, age);
      },
    }),
    leader: new Gauge({
      name: 'outbox_relay_leader',
      help: '1 while this process is the active relay of the schema',
      labelNames: ['schema'],
      registers,
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

/** What one scrape reads from PostgreSQL; undefined when it could not (the gauges keep their last values). */
export interface DatabaseReading {
  readonly backlog: ReadonlyArray<readonly [string, BacklogStats]>;
  readonly horizonAgeSeconds: number;
}

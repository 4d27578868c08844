import { createOutboxReader, type DatabasePool, type OutboxRow } from '@alpes/eventstore/postgres';
import { backlog, horizonAgeSeconds } from './postgres/stats.ts';
import { createLeadership } from './leadership.ts';
import type { Publisher } from './publisher.ts';
import type { RelayMetrics } from './metrics.ts';

export interface SchemaRelayOptions {
  readonly schema: string;
  readonly pool: DatabasePool;
  readonly databaseUrl: string;
  readonly publisher: Publisher;
  readonly metrics: RelayMetrics;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly retentionHours: number;
  readonly standbyRetryMs: number;
  readonly log: (line: string) => void;
  /**
   * The relay's other schemas: told when this one sees a commit (a NOTIFY) or ends its own transactions,
   * either of which may move the xid8 horizon that holds rows back.
   */
  readonly siblings?: HorizonPulse;
}

/** Wakes every schema relay whose rows wait for the xid8 horizon. */
export interface HorizonPulse {
  pulse(): void;
  register(listener: () => void): void;
}

export function createHorizonPulse(): HorizonPulse {
  const listeners: (() => void)[] = [];
  return {
    pulse: () => { for (const listener of listeners) listener(); },
    register: (listener) => { listeners.push(listener); },
  };
}

const PRUNE_EVERY_MS = 60_000;
/** The gauges (a count over the outbox, pg_stat_activity) are refreshed at most this often, off the hot path. */
const GAUGES_EVERY_MS = 1000;
const MAX_ERROR_BACKOFF_MS = 10_000;
/** First wait when rows are written but still above the xid8 horizon (doubled up to the poll interval). */
const HORIZON_RETRY_MS = 10;

/** Relays one schema's outbox while it is the leader; stands by otherwise. */
export function createSchemaRelay(options: SchemaRelayOptions) {
  const { schema, metrics } = options;
  const siblings = options.siblings ?? createHorizonPulse();
  const leadership = createLeadership(options.databaseUrl, schema, () => siblings.pulse());
  /** True while rows are known to wait above the horizon: a sibling's pulse wakes this relay then. */
  let waitingOnHorizon = false;
  siblings.register(() => { if (waitingOnHorizon) leadership.wakeUp(); });
  const reader = createOutboxReader({ pool: options.pool, schema });
  let running = true;
  let loop: Promise<void> | undefined;
  let lastPrune = 0;
  let lastGauges = 0;
  leadership.onLost((error) => options.log(`${schema}: lost leadership (${error.message}); standing by`));

  /** The batch the broker acknowledged: the next claim moves the cursor past it (same round trip), or stop does. */
  let acknowledged: OutboxRow[] = [];

  /** Claims (moving the cursor past the acknowledged batch) and publishes what it got. */
  const step = async () => {
    const batch = await reader.claim(options.batchSize, { published: acknowledged });
    acknowledged = [];
    const { rows, heldBack } = batch;
    if (rows.length === 0) return { published: 0, heldBack, full: false };
    const sent = await options.publisher.publish(rows);
    acknowledged = rows;
    const now = Date.now();
    for (const { row } of sent) {
      metrics.published.inc({ schema, topic: row.topic });
      metrics.latency.observe({ schema }, Math.max(0, now - row.createdAt) / 1000);
    }
    metrics.batchSize.observe({ schema }, rows.length);
    return { published: rows.length, heldBack, full: rows.length >= options.batchSize };
  };

  /** Refreshes the gauges about once a second and prunes about once a minute. */
  const housekeeping = async (): Promise<void> => {
    if (Date.now() - lastGauges < GAUGES_EVERY_MS) return;
    lastGauges = Date.now();
    const stats = await backlog(options.pool, schema, acknowledged.at(-1));
    metrics.backlog.set({ schema }, stats.rows);
    metrics.oldestAge.set({ schema }, stats.oldestAgeSeconds);
    metrics.horizonAge.set(await horizonAgeSeconds(options.pool));
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const pruned = await reader.prune(options.retentionHours * 3_600_000);
    if (pruned > 0) options.log(`${schema}: pruned ${pruned} published rows older than ${options.retentionHours} h`);
  };

  const lead = async () => {
    let failures = 0;
    let horizonWait = HORIZON_RETRY_MS;
    while (running && leadership.isLeader) {
      try {
        const { published, heldBack, full } = await step();
        failures = 0;
        await housekeeping();
        if (published > 0) siblings.pulse(); // this relay's own claim transaction has ended
        // A full batch: more is there, go on at once. Otherwise sleep until a NOTIFY (one that came while
        // publishing ends the wait at once) or the poll interval, with the cursor moved by the next claim —
        // but rows held back above the xid8 horizon get no NOTIFY of their own when the older transaction
        // holding them ends (theirs came at their commit): then look again soon, backing off.
        if (full) {
          horizonWait = HORIZON_RETRY_MS;
          continue;
        }
        waitingOnHorizon = heldBack;
        if (heldBack) {
          await leadership.waitForNotify(horizonWait);
          horizonWait = Math.min(horizonWait * 2, options.pollIntervalMs);
        } else {
          horizonWait = HORIZON_RETRY_MS;
          await leadership.waitForNotify(options.pollIntervalMs);
        }
      } catch (error) {
        failures += 1;
        metrics.errors.inc({ schema, kind: 'publish' });
        options.log(`${schema}: batch failed (${(error as Error).message}); retrying`);
        await sleep(Math.min(MAX_ERROR_BACKOFF_MS, 100 * 2 ** failures));
      }
    }
  };

  const run = async () => {
    while (running) {
      const acquired = await leadership.tryAcquire().catch((error: Error) => {
        metrics.errors.inc({ schema, kind: 'leadership' });
        options.log(`${schema}: cannot reach PostgreSQL for leadership (${error.message})`);
        return false;
      });
      metrics.leader.set({ schema }, acquired ? 1 : 0);
      if (acquired) {
        options.log(`${schema}: leading the outbox relay`);
        await lead();
        metrics.leader.set({ schema }, 0);
      } else {
        await sleep(options.standbyRetryMs);
      }
    }
  };

  return {
    start: () => { loop = run(); },
    get isLeader() { return leadership.isLeader; },
    /** Finishes the batch in flight, then gives up the lead. */
    stop: async () => {
      running = false;
      leadership.wakeUp();
      await loop;
      await reader.markPublished(acknowledged).catch((error: Error) => options.log(`${schema}: could not mark the last batch published (${error.message}); the next leader resends it and the broker drops the copies`));
      acknowledged = [];
      await leadership.release();
      metrics.leader.set({ schema }, 0);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

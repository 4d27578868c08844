import { createOutboxReader, type DatabasePool, type OutboxRow } from '@alpes/eventstore/postgres';
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
  /**
   * Longest a step (claim, publish, housekeeping) may take. A query whose bytes a broken network swallowed
   * waits forever on a connection that looks alive (no server-side timeout fires for a query that never
   * arrived): past this the relay stops leading and reports itself stalled (`onStalled`).
   */
  readonly stepTimeoutMs: number;
  /** A step outlived `stepTimeoutMs`: the process cannot trust its connections any more (main exits non-zero). */
  readonly onStalled?: (reason: string) => void;
  /** `warn` for what an operator should see (a failed batch, a lost lead); `info` otherwise. */
  readonly log: (line: string, level?: 'info' | 'warn') => void;
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
    pulse: () => {
      for (const listener of listeners) listener();
    },
    register: (listener) => {
      listeners.push(listener);
    },
  };
}

const PRUNE_EVERY_MS = 60_000;
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
  siblings.register(() => {
    if (waitingOnHorizon) leadership.wakeUp();
  });
  const reader = createOutboxReader({ pool: options.pool, schema });
  let running = true;
  let loop: Promise<void> | undefined;
  let lastPrune = 0;
  /** When the lead loop last finished an iteration (epoch ms): the age is a gauge and a health check. */
  let lastProgress = Date.now();
  let stalled: string | undefined;
  leadership.onLost((error) => options.log(`${schema}: lost leadership (${error.message}); standing by`, 'warn'));

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

  /** Prunes about once a minute (the gauges are read at scrape time, `startRelay`). */
  const housekeeping = async (): Promise<void> => {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const pruned = await reader.prune(options.retentionHours * 3_600_000);
    if (pruned > 0) options.log(`${schema}: pruned ${pruned} published rows older than ${options.retentionHours} h`);
  };

  const boundedStep = () =>
    withinMs(options.stepTimeoutMs, async () => {
      const result = await step();
      await housekeeping();
      return result;
    });

  const lead = async () => {
    let failures = 0;
    let horizonWait = HORIZON_RETRY_MS;
    lastProgress = Date.now();
    // A new term starts from the cursor in the database: a batch acknowledged in an earlier term may have been
    // republished and passed (or partly passed) by another leader since.
    acknowledged = [];
    while (running && leadership.isLeader) {
      try {
        const outcome = await boundedStep();
        if (outcome === 'timed out') {
          stalled = `${schema}: a relay step did not finish within ${options.stepTimeoutMs} ms (a database or broker connection stopped answering)`;
          metrics.errors.inc({ schema, kind: 'stalled' });
          running = false;
          options.onStalled?.(stalled);
          return;
        }
        const { published, heldBack, full } = outcome;
        lastProgress = Date.now();
        failures = 0;
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
        options.log(`${schema}: batch failed (${(error as Error).message}); retrying from the cursor`, 'warn');
        // Resent from the cursor, whatever failed: the broker drops the copies (deduplication). Kept, a batch the
        // cursor no longer starts at (another leader moved it meanwhile) failed the claim's fence on every retry.
        acknowledged = [];
        await sleep(Math.min(MAX_ERROR_BACKOFF_MS, 100 * 2 ** failures));
      }
    }
  };

  /**
   * The producers carry the schema's fixed names (broker deduplication knows a relay by them): while a deposed
   * leader keeps them connected, the broker refuses the new leader's ("Producer with name … is already
   * connected") and the outbox stands still. So they go with the leadership.
   */
  const giveUpProducers = async () => {
    const closed = await withinMs(options.stepTimeoutMs, () => options.publisher.close()).catch(
      (error: Error) => error,
    );
    if (closed !== undefined)
      options.log(
        `${schema}: could not close the producers after leading (${closed instanceof Error ? closed.message : closed})`,
        'warn',
      );
  };

  const run = async () => {
    while (running) {
      const acquired = await leadership.tryAcquire().catch((error: Error) => {
        metrics.errors.inc({ schema, kind: 'leadership' });
        options.log(`${schema}: cannot reach PostgreSQL for leadership (${error.message})`, 'warn');
        return false;
      });
      metrics.leader.set({ schema }, acquired ? 1 : 0);
      if (acquired) {
        options.log(`${schema}: leading the outbox relay`);
        await lead();
        metrics.leader.set({ schema }, 0);
        await giveUpProducers();
        // A leader that lost its lock is likely the one with the bad link: let a standby take it first.
        if (running) await sleep(options.standbyRetryMs);
      } else {
        await sleep(options.standbyRetryMs);
      }
    }
  };

  return {
    start: () => {
      loop = run();
    },
    get isLeader() {
      return leadership.isLeader;
    },
    /** Seconds since the lead loop last went round (0 when standing by): an idle leader goes round every poll interval. */
    progressAgeSeconds: () => (leadership.isLeader ? (Date.now() - lastProgress) / 1000 : 0),
    /** The last row the broker acknowledged that the cursor has not moved past yet (the backlog excludes it). */
    acknowledgedUpTo: () => (leadership.isLeader ? acknowledged.at(-1) : undefined),
    /** Why this schema's relay stopped, when a step outlived its timeout. */
    stalled: () => stalled,
    /** Finishes the batch in flight, then gives up the lead. */
    stop: async () => {
      running = false;
      leadership.wakeUp();
      await loop;
      // After a stall the pool's connections cannot be trusted (a query queued behind the lost one would wait
      // forever): leave the batch unmarked; the next leader resends it and the broker drops the copies.
      const marked = stalled
        ? 'timed out'
        : await withinMs(options.stepTimeoutMs, async () => {
            await reader.markPublished(acknowledged);
          }).catch((error: Error) => error);
      if (marked !== undefined)
        options.log(
          `${schema}: could not mark the last batch published (${marked instanceof Error ? marked.message : marked}); the next leader resends it and the broker drops the copies`,
          'warn',
        );
      acknowledged = [];
      await leadership.release();
      metrics.leader.set({ schema }, 0);
    },
  };
}

/** `work()`'s result, or 'timed out' after `ms` (the work is abandoned, not cancelled). */
export async function withinMs<T>(ms: number, work: () => Promise<T>): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

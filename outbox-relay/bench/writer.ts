import type { OutboxMessage } from '@alpes/eventstore';
import type { PostgresEventStore } from '@alpes/eventstore/postgres';

const ROWS_PER_TX = 10;
const WRITERS = 4;

/**
 * Writes outbox rows the way a service does (a few per transaction, several writers at once); every
 * row's value is `<tx id>:<n>` and the commit time of each transaction is kept for latency. A command
 * writes the rows of one aggregate, so by default a transaction's rows share one key (of 64);
 * `keysPerTransaction` spreads them over more keys (10 = every row its own key: the relay, batching one key
 * per entry for Key_Shared, then sends one entry per row).
 */
export function createWriter(options: { store: PostgresEventStore; topic: string; keysPerTransaction?: number }) {
  const keysPerTx = Math.max(1, Math.min(ROWS_PER_TX, options.keysPerTransaction ?? 1));
  const commits = new Map<string, number>();
  let txSeq = 0;

  const commitOne = async () => {
    const id = `t${txSeq++}`;
    const rows: OutboxMessage[] = Array.from({ length: ROWS_PER_TX }, (_, n) => ({
      topic: options.topic,
      key: `k${(txSeq + (n % keysPerTx)) % 64}`,
      value: Buffer.from(`${id}:${n}`.padEnd(200, ' ')),
      schemaVersion: 1,
      eventTime: Date.now(),
    }));
    await options.store.transaction((tx) => options.store.appendOutbox(tx, rows));
    commits.set(id, Date.now());
    return ROWS_PER_TX;
  };

  /** As fast as `WRITERS` concurrent writers can commit, for `ms`. */
  const saturate = async (ms: number) => {
    const started = Date.now();
    let rows = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (Date.now() - started < ms) {
          const written = await commitOne(); // not `rows += await …`: that reads `rows` before the await
          rows += written;
        }
      }),
    );
    return { rows, seconds: (Date.now() - started) / 1000 };
  };

  /** `perSecond` rows per second, in transactions spread evenly, for `ms`. */
  const paced = async (perSecond: number, ms: number) => {
    const started = Date.now();
    const intervalMs = (1000 * ROWS_PER_TX) / perSecond;
    const pending: Promise<number>[] = [];
    for (let i = 0; Date.now() - started < ms; i++) {
      const due = started + i * intervalMs;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      pending.push(commitOne());
    }
    const rows = (await Promise.all(pending)).reduce((a, b) => a + b, 0);
    return { rows, seconds: (Date.now() - started) / 1000 };
  };

  return { commits, saturate, paced };
}

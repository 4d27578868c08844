import { TERMINAL, readSnapshot, type DbSnapshot } from './database.ts';
import type { Outcome } from './load.ts';
import { inspectTopics, type TopicReport } from './topics.ts';
import type { SecureMaterial } from '@alpes/infra';

export interface Settled {
  readonly db: DbSnapshot;
  readonly topics: TopicReport;
  /** Empty when the system went quiet; else what was still moving at the deadline. */
  readonly pending: string[];
}

export interface QuiescenceOptions {
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarAdminUrl: string;
  /** Secure mode: the admin's token and the CA. */
  readonly secure?: SecureMaterial;
  readonly namespace: string;
  readonly outcomes: readonly Outcome[];
  readonly deadline: number;
  readonly log: (line: string) => void;
}

/** What still moves: sagas not ended, outbox rows not published, subscriptions not drained. */
export function pendingWork(db: DbSnapshot, topics: TopicReport, outcomes: readonly Outcome[]): string[] {
  const open = [...db.sagas].filter(([, s]) => !TERMINAL.includes(s.estado));
  const missing = outcomes.filter((o) => o.accepted && !db.sagas.has(o.planned.saga));
  const unpublished = Object.entries(db.unpublishedOutbox).filter(([, n]) => n > 0);
  return [
    ...(open.length > 0
      ? [
          `${open.length} sagas not ended (e.g. ${open
            .slice(0, 3)
            .map(([id, s]) => `${id} ${s.estado}`)
            .join(', ')})`,
        ]
      : []),
    ...(missing.length > 0
      ? [`${missing.length} accepted registrations without a saga yet (e.g. #${missing[0]?.planned.index})`]
      : []),
    ...unpublished.map(([schema, n]) => `${n} unpublished rows in ${schema}.outbox`),
    ...topics.undrained,
  ];
}

/** Polls until nothing is pending on two polls in a row, or the deadline passes. */
export async function waitForQuiescence(options: QuiescenceOptions): Promise<Settled> {
  let quietPolls = 0;
  let lastLog = 0;
  for (;;) {
    const polled = await poll(options).catch((error: Error) => error);
    if (polled instanceof Error) {
      options.log(`quiescence poll failed (${polled.message}); again`);
      if (Date.now() > options.deadline) throw polled;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      continue;
    }
    const { db, topics } = polled;
    const pending = pendingWork(db, topics, options.outcomes);
    quietPolls = pending.length === 0 ? quietPolls + 1 : 0;
    if (quietPolls >= 2) return { db, topics, pending };
    if (Date.now() > options.deadline) return { db, topics, pending };
    if (Date.now() - lastLog > 10_000 && pending.length > 0) {
      options.log(
        `waiting for quiescence: ${pending.slice(0, 4).join('; ')}${pending.length > 4 ? `; +${pending.length - 4} more` : ''}`,
      );
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

async function poll(options: QuiescenceOptions): Promise<{ db: DbSnapshot; topics: TopicReport }> {
  const db = await readSnapshot(options.databaseUrl);
  const topics = await inspectTopics(options.pulsarAdminUrl, options.pulsarUrl, options.namespace, options.secure);
  return { db, topics };
}

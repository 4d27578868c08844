import { freshDatabase } from '@alpes/infra/testing';
import { createPool, type DatabasePool } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import { z } from 'zod';

export interface TestDatabase {
  readonly url: string;
  readonly pool: DatabasePool;
  readonly close: () => Promise<void>;
}

/** A database of the test file's own and a pool on it. */
export async function testDatabase(name: string): Promise<TestDatabase> {
  const db = await freshDatabase(name);
  const pool = await createPool(db.url, { maximumPoolSize: 12 });
  const close = async () => {
    await pool.end();
    await db.drop();
  };
  return { url: db.url, pool, close };
}

/** Resolves once `count` backends of this database wait on a lock (a writer blocked on another's row). */
export async function waitForLockWaiters(pool: DatabasePool, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const waiting = await pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      select count(*)::int4 as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`);
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${count} backend(s) waiting on a lock within 10 s`);
}

/** A promise to await inside a transaction, and the function that lets it go on. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

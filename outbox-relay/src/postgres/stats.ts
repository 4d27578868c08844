import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

export interface BacklogStats {
  readonly rows: number;
  /** Seconds since the oldest unpublished row was written (0 when none). */
  readonly oldestAgeSeconds: number;
}

const backlogRow = z.object({ n: z.number(), age: z.number().nullable() });

/**
 * Rows not yet published: after the cursor, or after `published` (the last row the broker acknowledged,
 * when the cursor has not been moved past it yet).
 */
export async function backlog(
  pool: DatabasePool,
  schema: string,
  published?: { tx: string; position: string },
): Promise<BacklogStats> {
  const after = published
    ? sql.fragment`(${published.tx}::xid8, ${published.position}::int8)`
    : sql.fragment`(s.last_tx, s.last_position)`;
  const row = await pool.one(sql.type(backlogRow)`
    select count(*)::int as n, extract(epoch from clock_timestamp() - min(o.created_at))::float8 as age
    from ${sql.identifier([schema, 'outbox'])} as o, ${sql.identifier([schema, 'outbox_relay_state'])} as s
    where s.id = 1 and (o.tx, o.position) > ${after}`);
  return { rows: row.n, oldestAgeSeconds: row.age ?? 0 };
}

/**
 * How long the xid8 horizon has been held back: the age of the oldest transaction holding an xid.
 * Outbox rows written after it wait for it to end before the relay may publish them (ARCHITECTURE D4).
 */
export async function horizonAgeSeconds(pool: DatabasePool): Promise<number> {
  return pool.oneFirst(sql.type(z.object({ age: z.number() }))`
    select coalesce(extract(epoch from clock_timestamp() - min(xact_start)), 0)::float8 as age
    from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()`);
}

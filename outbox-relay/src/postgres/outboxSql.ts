import type pg from 'pg';

/** An outbox row as the relay reads it (table layout: eventstore/README.md). */
export interface OutboxRow {
  readonly position: string;
  /** Publish sequence, assigned by the leader in (tx, position) order; the Pulsar sequence id. */
  readonly relaySeq: number;
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly schemaVersion: number;
  readonly properties: Record<string, string>;
  readonly eventTime: number;
  /** When the row was written (clock time inside the writing transaction). */
  readonly createdAt: Date;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

const ident = (schema: string) => `"${schema.replace(/"/g, '""')}"`;

/**
 * Numbers the next rows below the xid8 horizon in (tx, position) order. Rows of transactions that
 * are still running — or that started before them — stay invisible until the horizon passes, so a
 * row is never skipped when transactions commit out of order (ARCHITECTURE D4). Runs in one
 * transaction so the numbering and the counter move together.
 */
export async function assignSequence(client: Queryable, schema: string, limit: number): Promise<number> {
  const s = ident(schema);
  await client.query('begin');
  try {
    const { rows } = await client.query<{ last_seq: string }>(`select last_seq from ${s}.outbox_relay_state where id = 1 for update`);
    const last = Number(rows[0]?.last_seq ?? 0);
    const result = await client.query(
      `with next as (
         select position, row_number() over (order by tx, position) as rn
         from (select position, tx from ${s}.outbox
               where relay_seq is null and tx < pg_snapshot_xmin(pg_current_snapshot())
               order by tx, position limit $1) candidates)
       update ${s}.outbox o set relay_seq = $2::bigint + next.rn from next where o.position = next.position`,
      [limit, last]);
    const assigned = result.rowCount ?? 0;
    if (assigned > 0) await client.query(`update ${s}.outbox_relay_state set last_seq = last_seq + $1 where id = 1`, [assigned]);
    await client.query('commit');
    return assigned;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** Numbered rows not yet confirmed by the broker, in publish order. */
export async function pendingRows(client: Queryable, schema: string, limit: number): Promise<OutboxRow[]> {
  const { rows } = await client.query<{ position: string; relay_seq: string; topic: string; key: string; value: Buffer;
    schema_version: number; properties: Record<string, string> | null; event_time: string; created_at: Date }>(
    `select position, relay_seq, topic, key, value, schema_version, properties, event_time, created_at
     from ${ident(schema)}.outbox where published_at is null and relay_seq is not null order by relay_seq limit $1`, [limit]);
  return rows.map((r) => ({
    position: r.position, relaySeq: Number(r.relay_seq), topic: r.topic, key: r.key, value: r.value,
    schemaVersion: r.schema_version, properties: r.properties ?? {}, eventTime: Number(r.event_time), createdAt: r.created_at,
  }));
}

export async function markPublished(client: Queryable, schema: string, positions: readonly string[]): Promise<void> {
  if (positions.length === 0) return;
  await client.query(`update ${ident(schema)}.outbox set published_at = clock_timestamp() where position = any($1::bigint[])`, [positions]);
}

export async function prunePublished(client: Queryable, schema: string, retentionHours: number): Promise<number> {
  const result = await client.query(
    `delete from ${ident(schema)}.outbox where published_at < clock_timestamp() - make_interval(hours => $1)`, [retentionHours]);
  return result.rowCount ?? 0;
}

export interface BacklogStats {
  readonly rows: number;
  /** Seconds since the oldest unpublished row was written (0 when none). */
  readonly oldestAgeSeconds: number;
}

export async function backlog(client: Queryable, schema: string): Promise<BacklogStats> {
  const { rows } = await client.query<{ n: string; age: number | null }>(
    `select count(*) as n, extract(epoch from clock_timestamp() - min(created_at))::float8 as age
     from ${ident(schema)}.outbox where published_at is null`);
  return { rows: Number(rows[0]?.n ?? 0), oldestAgeSeconds: rows[0]?.age ?? 0 };
}

/**
 * How long the xid8 horizon has been held back: the age of the oldest transaction that holds an xid.
 * Rows written after it wait for it to finish before the relay may publish them.
 */
export async function horizonAgeSeconds(client: Queryable): Promise<number> {
  const { rows } = await client.query<{ age: number | null }>(
    `select extract(epoch from clock_timestamp() - min(xact_start))::float8 as age
     from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()`);
  return rows[0]?.age ?? 0;
}

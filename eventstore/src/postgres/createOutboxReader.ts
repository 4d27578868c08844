import { Buffer } from 'node:buffer';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { tablesOf, type Tables } from './tables.ts';

export interface OutboxRow {
  readonly position: string;
  /** Publish sequence (decimal string), increasing in publish order: use it as the Pulsar `sequence_id`. */
  readonly relaySeq: string;
  /** The writing transaction's xid8 (decimal string). */
  readonly tx: string;
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly schemaVersion: number;
  readonly properties: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly eventTime: number;
  /** When the row was written (epoch ms), for commit-to-ack latency. */
  readonly createdAt: number;
}

export interface OutboxReader {
  /**
   * Numbers the next rows below the xid8 horizon in (tx, position) order, then returns up to `limit`
   * numbered, unpublished rows in publish order. Rows numbered before a crash come back first with
   * the same `relaySeq`, so broker deduplication drops what was already sent.
   */
  claimBatch(limit: number): Promise<OutboxRow[]>;
  /** Marks rows published (after the broker acknowledged them); returns how many changed. */
  markPublished(positions: readonly string[]): Promise<number>;
  /** Deletes rows published more than `retentionMs` ago; returns how many. */
  prune(retentionMs: number): Promise<number>;
}

const outboxRow = z.object({
  position: z.string(),
  relay_seq: z.string(),
  tx: z.string(),
  topic: z.string(),
  key: z.string(),
  value_base64: z.string(),
  schema_version: z.number(),
  properties: z.record(z.string(), z.string()),
  event_time_ms: z.number(),
  created_at_ms: z.number(),
});

/** The relay's side of one schema's outbox. Run one publishing relay per schema (leader election is the relay's). */
export function createOutboxReader(options: { pool: DatabasePool; schema: string }): OutboxReader {
  const { pool } = options;
  const tables = tablesOf(options.schema);
  return {
    claimBatch: async (limit) => {
      await assignRelaySeq(pool, tables, limit);
      return pendingRows(pool, tables, limit);
    },
    markPublished: async (positions) => {
      if (positions.length === 0) return 0;
      const result = await pool.query(sql.unsafe`
        update ${tables.outbox} set published_at = clock_timestamp()
        where position = any(${sql.array([...positions], 'int8')}) and published_at is null`);
      return result.rowCount;
    },
    prune: async (retentionMs) => {
      const result = await pool.query(sql.unsafe`
        delete from ${tables.outbox} where published_at < clock_timestamp() - ${retentionMs} * interval '1 millisecond'`);
      return result.rowCount;
    },
  };
}

/**
 * Rows of transactions below pg_snapshot_xmin are final (committed or rolled back): nothing can later
 * appear before them, which the position sequence alone cannot promise (prior-art §5). The counter row
 * lock serialises claimers, so numbers are never handed out twice.
 */
async function assignRelaySeq(pool: DatabasePool, tables: Tables, limit: number): Promise<number> {
  return pool.transaction(async (tx) => {
    const last = await tx.oneFirst(sql.type(z.object({ last_seq: z.string() }))`
      select last_seq::text as last_seq from ${tables.relayState} where id = 1 for update`);
    const result = await tx.query(sql.unsafe`
      with next as (
        select position, row_number() over (order by tx, position) as rn
        from (select position, tx from ${tables.outbox}
              where relay_seq is null and tx < pg_snapshot_xmin(pg_current_snapshot())
              order by tx, position limit ${limit}) as candidates)
      update ${tables.outbox} as o set relay_seq = ${last}::int8 + next.rn
      from next where o.position = next.position`);
    if (result.rowCount > 0) {
      await tx.query(sql.unsafe`update ${tables.relayState} set last_seq = last_seq + ${result.rowCount} where id = 1`);
    }
    return result.rowCount;
  });
}

/** Numbered, unpublished rows in publish order. */
async function pendingRows(pool: DatabasePool, tables: Tables, limit: number): Promise<OutboxRow[]> {
  const rows = await pool.any(sql.type(outboxRow)`
    select o.position::text as position, o.relay_seq::text as relay_seq, o.tx::text as tx, o.topic, o.key,
      encode(o.value, 'base64') as value_base64, o.schema_version, o.properties,
      (extract(epoch from o.event_time) * 1000)::float8 as event_time_ms,
      (extract(epoch from o.created_at) * 1000)::float8 as created_at_ms
    from ${tables.outbox} as o
    where o.published_at is null and o.relay_seq is not null
    -- o.relay_seq: a bare name would sort by the text output column
    order by o.relay_seq
    limit ${limit}`);
  return rows.map(toOutboxRow);
}

function toOutboxRow(row: z.infer<typeof outboxRow>): OutboxRow {
  return {
    position: row.position,
    relaySeq: row.relay_seq,
    tx: row.tx,
    topic: row.topic,
    key: row.key,
    value: Buffer.from(row.value_base64, 'base64'),
    schemaVersion: row.schema_version,
    properties: row.properties,
    eventTime: row.event_time_ms,
    createdAt: row.created_at_ms,
  };
}

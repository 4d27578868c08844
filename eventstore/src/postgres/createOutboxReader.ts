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
  claimBatch(limit: number, options?: ClaimOptions): Promise<OutboxRow[]>;
  /** Marks rows published (after the broker acknowledged them); returns how many changed. */
  markPublished(positions: readonly string[]): Promise<number>;
  /** Deletes rows published more than `retentionMs` ago; returns how many. */
  prune(retentionMs: number): Promise<number>;
}

export interface ClaimOptions {
  /** Positions of the previous batch, acknowledged by the broker: marked published in the claim's transaction. */
  readonly published?: readonly string[];
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
  /**
   * Numbered rows not yet marked published may exist: at start (a previous relay numbered them) and after
   * a batch that was not marked (its publish failed). Only then are they read back; otherwise the claim
   * itself returns the rows it numbers, one transaction per batch.
   */
  let leftovers = true;
  const claimed = new Set<string>();
  return {
    claimBatch: async (limit, claim) => {
      let published = claim?.published ?? [];
      for (const position of published) claimed.delete(position);
      try {
        if (leftovers || claimed.size > 0) {
          await markPublished(pool, tables, published);
          published = [];
          const pending = await pendingRows(pool, tables, limit);
          leftovers = pending.length === limit;
          claimed.clear();
          if (pending.length > 0) return remember(claimed, pending);
        }
        return remember(claimed, await claimNext(pool, options.schema, limit, published));
      } catch (error) {
        leftovers = true; // the marks may not have been written: read the numbered rows back next time
        throw error;
      }
    },
    markPublished: async (positions) => {
      for (const position of positions) claimed.delete(position);
      return markPublished(pool, tables, positions);
    },
    prune: async (retentionMs) => {
      const result = await pool.query(sql.unsafe`
        delete from ${tables.outbox} where published_at < clock_timestamp() - ${retentionMs} * interval '1 millisecond'`);
      return result.rowCount;
    },
  };
}

function remember(claimed: Set<string>, rows: OutboxRow[]): OutboxRow[] {
  for (const row of rows) claimed.add(row.position);
  return rows;
}

/**
 * Marks `published`, then numbers the next rows below the xid8 horizon and returns them in publish order,
 * in one round trip (`outbox_claim`, base migration 3). Rows of transactions below pg_snapshot_xmin are
 * final (committed or rolled back): nothing can later appear before them, which the position sequence alone
 * cannot promise (prior-art §5). The counter row lock serialises claimers: numbers are never handed out twice.
 */
async function claimNext(pool: DatabasePool, schema: string, limit: number, published: readonly string[]): Promise<OutboxRow[]> {
  const rows = await pool.any(sql.type(outboxRow)`
    select * from ${sql.identifier([schema, 'outbox_claim'])}(${sql.array([...published], 'int8')}, ${limit})`);
  return rows.map(toOutboxRow);
}

async function markPublished(pool: DatabasePool, tables: Tables, positions: readonly string[]): Promise<number> {
  if (positions.length === 0) return 0;
  const result = await pool.query(sql.unsafe`
    update ${tables.outbox} set published_at = clock_timestamp()
    where position = any(${sql.array([...positions], 'int8')}) and published_at is null`);
  return result.rowCount;
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

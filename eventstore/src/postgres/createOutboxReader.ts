import { Buffer } from 'node:buffer';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { tablesOf } from './tables.ts';

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
   * The next rows after the relay's cursor, below the xid8 horizon, in (tx, position) order, numbered
   * `relaySeq` = the cursor's sequence + 1, 2, … Until the cursor moves, a claim returns the same rows with
   * the same numbers (after a crash too), so broker deduplication drops what was already sent.
   * `published`: the previous batch, acknowledged by the broker; the cursor moves past it first, in the
   * same round trip.
   */
  claimBatch(limit: number, options?: ClaimOptions): Promise<OutboxRow[]>;
  /** `claimBatch`, and whether rows after the cursor wait above the xid8 horizon (look again soon then). */
  claim(limit: number, options?: ClaimOptions): Promise<ClaimedBatch>;
  /**
   * Moves the cursor past `rows` (a batch as claimed, acknowledged by the broker); returns how many rows it
   * moved past (0 when it already had). Throws when the cursor is elsewhere (another relay moved it).
   */
  markPublished(rows: readonly OutboxRow[]): Promise<number>;
  /** Deletes published rows written more than `retentionMs` ago; returns how many. */
  prune(retentionMs: number): Promise<number>;
}

export interface ClaimedBatch {
  readonly rows: OutboxRow[];
  /** Rows after the cursor wait for older transactions to end (their commit sends no NOTIFY of theirs). */
  readonly heldBack: boolean;
}

export interface ClaimOptions {
  /** The previous batch, as claimed, now acknowledged by the broker. */
  readonly published?: readonly OutboxRow[];
}

const claimRow = z.object({
  position: z.string().nullable(),
  relay_seq: z.string().nullable(),
  tx: z.string().nullable(),
  topic: z.string().nullable(),
  key: z.string().nullable(),
  value_base64: z.string().nullable(),
  schema_version: z.number().nullable(),
  properties: z.record(z.string(), z.string()).nullable(),
  event_time_ms: z.number().nullable(),
  created_at_ms: z.number().nullable(),
  held_back: z.boolean().nullable(),
});

/** A row of the claim other than the final marker: every column set. */
type ClaimedRecord = {
  [K in Exclude<keyof z.infer<typeof claimRow>, 'held_back'>]: NonNullable<z.infer<typeof claimRow>[K]>;
};

/** The relay's side of one schema's outbox. Run one publishing relay per schema (leader election is the relay's). */
export function createOutboxReader(options: { pool: DatabasePool; schema: string }): OutboxReader {
  const { pool, schema } = options;
  const tables = tablesOf(schema);
  const claim = async (limit: number, published: readonly OutboxRow[]): Promise<ClaimedBatch> => {
    const ack = acknowledgement(published);
    // Not a prepared statement: a migration that changes the function's result would make a running relay's
    // prepared call fail ("cached plan must not change result type") until it reconnects. The function's
    // own statements are planned once per session anyway.
    const rows = await pool.any(sql.type(claimRow)`
      select * from ${sql.identifier([schema, 'outbox_claim'])}(
        ${ack.tx}::xid8, ${ack.position}::int8, ${ack.from}::int8, ${ack.to}::int8, ${limit})`);
    const marker = rows.at(-1);
    return {
      rows: rows.filter((row) => row.position !== null).map((row) => toOutboxRow(row as ClaimedRecord)),
      heldBack: marker?.held_back === true,
    };
  };
  return {
    claim: (limit, claimOptions) => claim(limit, claimOptions?.published ?? []),
    claimBatch: async (limit, claimOptions) => (await claim(limit, claimOptions?.published ?? [])).rows,
    markPublished: async (rows) => {
      if (rows.length === 0) return 0;
      const ack = acknowledgement(rows);
      const moved = await pool.maybeOneFirst(sql.type(z.object({ moved: z.boolean() }))`
        update ${tables.relayState} set last_tx = ${ack.tx}::xid8, last_position = ${ack.position}::int8, last_seq = ${ack.to}::int8
        where id = 1 and last_seq = ${ack.from}::int8
        returning true as moved`);
      if (moved) return rows.length;
      await claim(0, rows); // already past them (0), or raises: the cursor is elsewhere
      return 0;
    },
    prune: async (retentionMs) => {
      const result = await pool.query(sql.unsafe`
        delete from ${tables.outbox} as o using ${tables.relayState} as s
        where s.id = 1 and (o.tx, o.position) <= (s.last_tx, s.last_position)
          and o.created_at < clock_timestamp() - ${retentionMs} * interval '1 millisecond'`);
      return result.rowCount;
    },
  };
}

/** Where the cursor must be (`from`) and where it goes (`to`, and the last row's tx and position). */
function acknowledgement(rows: readonly OutboxRow[]) {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return { tx: '0', position: '0', from: '0', to: '0' };
  return { tx: last.tx, position: last.position, from: (BigInt(first.relaySeq) - 1n).toString(), to: last.relaySeq };
}

function toOutboxRow(row: ClaimedRecord): OutboxRow {
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

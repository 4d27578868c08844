import { Buffer } from 'node:buffer';
import { sql, type CommonQueryMethods, type SerializableValue } from 'slonik';
import { z } from 'zod';
import type { OutboxMessage } from '../types.ts';
import type { Tables } from './tables.ts';
import { recordInboxWith } from './inbox.ts';

/**
 * Inserts outbox rows in the caller's transaction, in the given order (positions increase with it).
 * `tx` defaults to the transaction's id; the relay publishes below the xid horizon (README, "Ordering").
 * Returns the positions as decimal strings.
 */
export async function appendOutboxWith(db: CommonQueryMethods, tables: Tables, messages: readonly OutboxMessage[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const positions = await db.anyFirst(sql.type(z.object({ position: z.string() }))`
    ${outboxInsert(tables, messages)}`);
  return [...positions].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/**
 * The outbox rows and the inbox entry of a consumed message, in one statement (one round trip). Returns
 * false, having written nothing that survives the caller's rollback, when the inbox already had the id.
 */
export async function appendOutboxRecordingInbox(
  db: CommonQueryMethods, tables: Tables, messages: readonly OutboxMessage[], entry: { messageId: string; consumer?: string | undefined },
): Promise<boolean> {
  if (messages.length === 0) return recordInboxWith(db, tables, entry);
  const recorded = await db.oneFirst(sql.type(z.object({ recorded: z.boolean() }))`
    with recorded as (
      insert into ${tables.inbox} (message_id, consumer) values (${entry.messageId}, ${entry.consumer ?? ''})
      on conflict (message_id) do nothing
      returning message_id),
    written as (${outboxInsert(tables, messages)})
    select exists (select 1 from recorded) as recorded`);
  return recorded;
}

export function outboxInsert(tables: Tables, messages: readonly OutboxMessage[]) {
  const payload = messages.map((message) => ({
    topic: message.topic,
    key: message.key,
    value: Buffer.from(message.value.buffer, message.value.byteOffset, message.value.byteLength).toString('base64'),
    schemaVersion: message.schemaVersion,
    properties: message.properties ?? {},
    eventTime: message.eventTime,
  })) as SerializableValue;
  return sql.fragment`
    insert into ${tables.outbox} (topic, key, value, schema_version, properties, event_time)
    select m->>'topic', m->>'key', decode(m->>'value', 'base64'), (m->>'schemaVersion')::int4, m->'properties',
      timestamptz 'epoch' + (m->>'eventTime')::int8 * interval '1 millisecond'
    from jsonb_array_elements(${sql.jsonb(payload)}) with ordinality as t(m, ord)
    order by t.ord
    returning position::text as position`;
}

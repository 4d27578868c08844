import { Buffer } from 'node:buffer';
import { sql, type CommonQueryMethods, type SerializableValue } from 'slonik';
import { z } from 'zod';
import type { OutboxMessage } from '../types.ts';
import type { Tables } from './tables.ts';

/**
 * Inserts outbox rows in the caller's transaction, in the given order (positions increase with it).
 * `tx` defaults to the transaction's id; the relay publishes below the xid horizon (README, "Ordering").
 * Returns the positions as decimal strings.
 */
export async function appendOutboxWith(
  db: CommonQueryMethods,
  tables: Tables,
  messages: readonly OutboxMessage[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  const positions = await db.anyFirst(sql.type(z.object({ position: z.string() }))`
    ${outboxInsert(tables, messages)}`);
  return [...positions].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/** The outbox insert as a statement of its own or a writable CTE (`commitAllWith`), rows in the given order. */
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

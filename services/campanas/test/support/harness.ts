// Test wiring of campanas against the real PostgreSQL and Pulsar: a database of its own, per-test unique topics.
import { latestVersion, schemaText, type SchemaVersion, type TopicName, type TopicRecords } from '@alpes/contracts';
import {
  createPool,
  createPostgresEventStore,
  migrate,
  type DatabasePool,
  type PostgresEventStore,
} from '@alpes/eventstore/postgres';
import { freshDatabase, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { avroSchema, bytesSchema, createPulsarClient, type PulsarClient } from '@alpes/pulsar';
import { createLogger } from '@alpes/service-kit';
import { sql } from 'slonik';
import { z } from 'zod';
import { startCampanaConsumers } from '../../src/adapters/messaging/campanaConsumers.ts';
import { migrations } from '../../src/adapters/postgres/migrations.ts';

export const schema = 'campanas';

export interface Database {
  readonly pool: DatabasePool;
  readonly store: PostgresEventStore;
  close(): Promise<void>;
}

export async function startDatabase(name: string): Promise<Database> {
  const db = await freshDatabase(name);
  const pool = await createPool(db.url);
  await migrate(pool, { schema, migrations });
  return {
    pool,
    store: createPostgresEventStore({ pool, schema }),
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

export interface Harness extends Database {
  readonly client: PulsarClient;
  readonly topics: { readonly crear: string; readonly eliminar: string };
  /** Produces a record with the catalogue schema of `topic` (v1 = the original's record, no envelope). */
  produce<T extends TopicName>(
    topic: T,
    record: TopicRecords[T],
    options: { key: string; version?: SchemaVersion },
  ): Promise<void>;
  produceBytes(topic: 'crear' | 'eliminar', bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Consumers on unique topics, fast retries (100 ms) and 2 redeliveries before the dead-letter topic. */
export async function startHarness(name: string): Promise<Harness> {
  const db = await startDatabase(name);
  const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  const topics = { crear: uniqueTopic('comandos-campanas'), eliminar: uniqueTopic('eventos-campanas-eliminacion') };
  const physical = (topic: TopicName) => (topic === 'comandos-campanas' ? topics.crear : topics.eliminar);
  const consumers = await startCampanaConsumers({
    client,
    store: db.store,
    log: createLogger('warn'),
    topics: { 'comandos-campanas': topics.crear, 'eventos-campanas-eliminacion-v2': topics.eliminar },
    maxRedeliveries: 2,
    retryDelayMs: 100,
  });
  return {
    ...db,
    client,
    topics,
    produce: async <T extends TopicName>(
      topic: T,
      record: TopicRecords[T],
      options: { key: string; version?: SchemaVersion },
    ) => {
      const producer = await client.createProducer({
        topic: physical(topic),
        schema: avroSchema<TopicRecords[T]>(schemaText(topic, options.version ?? latestVersion(topic))),
      });
      await producer.send({ value: record, key: options.key });
      await producer.close();
    },
    produceBytes: async (topic, bytes) => {
      const producer = await client.createProducer({ topic: topics[topic], schema: bytesSchema() });
      await producer.send({ value: bytes, key: 'basura' });
      await producer.close();
    },
    close: async () => {
      await Promise.all(consumers.map((consumer) => consumer.close()));
      await client.close();
      await db.close();
    },
  };
}

/** Polls until `check` returns a value other than undefined (or fails after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const eventRow = z.object({
  type: z.string(),
  event_id: z.string(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
});
const outboxRow = z.object({
  topic: z.string(),
  key: z.string(),
  value: z.instanceof(Buffer),
  schema_version: z.number(),
});
const inboxRow = z.object({ message_id: z.string() });

export function eventsOf(db: Database, campanaId: string) {
  return db.pool.any(sql.type(eventRow)`
    select type, event_id::text as event_id, data, metadata from campanas.events where stream_id = ${`campana-${campanaId}`} order by stream_version`);
}

export function outboxOn(db: Database, topic: TopicName) {
  return db.pool.any(
    sql.type(
      outboxRow,
    )`select topic, key, value, schema_version from campanas.outbox where topic = ${topic} order by position`,
  );
}

export function inboxIds(db: Database) {
  return db.pool.anyFirst(sql.type(inboxRow)`select message_id from campanas.inbox order by processed_at`);
}

// One database and one Pulsar client per test file; the service's consumers on per-test unique topics.
import { sql } from 'slonik';
import { z } from 'zod';
import { decode, schemaText } from '@alpes/contracts';
import type { SchemaVersion, TopicName, TopicRecords } from '@alpes/contracts';
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import type { DatabasePool, PostgresEventStore } from '@alpes/eventstore/postgres';
import { freshDatabase, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient } from '@alpes/pulsar';
import type { Consumer, PulsarClient } from '@alpes/pulsar';
import type { Logger } from '@alpes/service-kit';
import { startContratosConsumers } from '../../src/adapters/messaging/contratoConsumers.ts';
import { contratosMigrations } from '../../src/adapters/postgres/migrations.ts';

export const SCHEMA = 'contratos';

export interface Harness {
  readonly pool: DatabasePool;
  readonly store: PostgresEventStore;
  readonly client: PulsarClient;
  readonly log: Logger;
  /** Logical command topic → the unique physical topic the consumers read. */
  readonly topics: { readonly crear: string; readonly eliminar: string };
  readonly close: () => Promise<void>;
}

/** Quiet unless CONTRATOS_TEST_LOG is set; warnings and errors always show. */
export const testLog: Logger = (level, message, fields) => {
  if (level === 'debug' || (level === 'info' && !process.env['CONTRATOS_TEST_LOG'])) return;
  console.log(`[contratos ${level}] ${message} ${JSON.stringify(fields ?? {})}`);
};

export async function database(
  name: string,
): Promise<{ pool: DatabasePool; store: PostgresEventStore; close: () => Promise<void> }> {
  const db = await freshDatabase(name);
  const pool = await createPool(db.url, { maximumPoolSize: 12 });
  await migrate(pool, { schema: SCHEMA, migrations: contratosMigrations });
  const store = createPostgresEventStore({ pool, schema: SCHEMA });
  return {
    pool,
    store,
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

export async function startHarness(name: string, options: { concurrency?: number } = {}): Promise<Harness> {
  const { pool, store, close: closeDb } = await database(name);
  const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  const topics = {
    crear: uniqueTopic('comandos-contratos-v2'),
    eliminar: uniqueTopic('comandos-contratos-eliminacion'),
  };
  const consumers: Consumer<unknown>[] = await startContratosConsumers({
    client,
    store,
    log: testLog,
    maxRedeliveries: 2,
    retryDelayMs: 100,
    concurrency: options.concurrency ?? 1,
    topics: { 'comandos-contratos-v2': topics.crear, 'comandos-contratos-eliminacion': topics.eliminar },
  });
  const close = async () => {
    await Promise.all(consumers.map((c) => c.close()));
    await client.close();
    await closeDb();
  };
  return { pool, store, client, log: testLog, topics, close };
}

type CommandTopic = 'comandos-contratos-v2' | 'comandos-contratos-eliminacion';

/** Produces a real Avro message on the harness's physical topic with the schema of `version` (v1 = the original tools'). */
export async function produce<T extends CommandTopic>(
  h: Harness,
  topic: T,
  record: TopicRecords[T],
  version: SchemaVersion,
): Promise<void> {
  const physical = topic === 'comandos-contratos-v2' ? h.topics.crear : h.topics.eliminar;
  const producer = await h.client.createProducer({
    topic: physical,
    schema: avroSchema<TopicRecords[T]>(schemaText(topic, version)),
    batching: false,
  });
  await producer.send({ value: record });
  await producer.close();
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const outboxRow = z.object({
  topic: z.string(),
  key: z.string(),
  value: z.instanceof(Buffer),
  schema_version: z.number(),
});

/** Outbox rows of one topic (optionally one key), decoded with the v2/latest schema of the catalogue. */
export async function outbox<T extends TopicName>(
  pool: DatabasePool,
  topic: T,
  key?: string,
): Promise<{ key: string; record: TopicRecords[T] }[]> {
  const rows = await pool.any(sql.type(outboxRow)`
    select topic, key, value, schema_version from contratos.outbox
    where topic = ${topic} and (${key ?? null}::text is null or key = ${key ?? null}) order by position`);
  return rows.map((row) => ({
    key: row.key,
    record: JSON.parse(
      JSON.stringify(decode(topic, row.value, { writerVersion: `v${row.schema_version}` as SchemaVersion })),
    ) as TopicRecords[T],
  }));
}

const eventRow = z.object({
  stream_id: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
});

export function events(pool: DatabasePool, streamId: string) {
  return pool.any(
    sql.type(
      eventRow,
    )`select stream_id, type, data, metadata from contratos.events where stream_id = ${streamId} order by stream_version`,
  );
}

export function count(pool: DatabasePool, table: 'events' | 'outbox' | 'inbox' | 'contratos'): Promise<number> {
  return pool.oneFirst(
    sql.type(z.object({ n: z.number() }))`select count(*)::int4 as n from ${sql.identifier([SCHEMA, table])}`,
  );
}

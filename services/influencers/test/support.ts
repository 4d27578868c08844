import {
  decode,
  latestVersion,
  schemaText,
  type SchemaVersion,
  type TopicName,
  type TopicRecords,
} from '@alpes/contracts';
import {
  createPool,
  createPostgresEventStore,
  migrate,
  type DatabasePool,
  type PostgresEventStore,
} from '@alpes/eventstore/postgres';
import { waitFor } from '@alpes/infra';
import { freshDatabase, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient, type Consumer, type Producer, type PulsarClient } from '@alpes/pulsar';
import { sql } from 'slonik';
import { startInfluencerConsumers } from '../src/adapters/messaging/influencerConsumers.ts';
import { migrations } from '../src/adapters/postgres/migrations.ts';

export const SCHEMA = 'influencers';

/** Physical topic of each consumed catalogue topic (unique per test). */
export interface ConsumerTopics {
  readonly crear: string;
  readonly eliminar: string;
}

export interface Db {
  readonly pool: DatabasePool;
  readonly store: PostgresEventStore;
  close(): Promise<void>;
}

/** A database of this test file's own, migrated, with the event store on it. */
export async function database(name: string): Promise<Db> {
  const db = await freshDatabase(name);
  const pool = await createPool(db.url);
  await migrate(pool, { schema: SCHEMA, migrations });
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

export interface Service extends Db {
  readonly client: PulsarClient;
  readonly topics: ConsumerTopics;
  /** Produces a record on the physical topic of a consumed catalogue topic, written with `version` (default: the latest). */
  send<T extends 'eventos-crear-influencer' | 'comandos-influencers-eliminacion'>(
    topic: T,
    record: TopicRecords[T],
    version?: SchemaVersion,
  ): Promise<void>;
}

const physical = { 'eventos-crear-influencer': 'crear', 'comandos-influencers-eliminacion': 'eliminar' } as const;

/** The service's consumers on per-test unique topics (fast retries: 100 ms, 2 redeliveries, then DLQ). */
export async function service(name: string): Promise<Service> {
  const db = await database(name);
  const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  const topics: ConsumerTopics = {
    crear: uniqueTopic('crear-influencer'),
    eliminar: uniqueTopic('influencers-eliminacion'),
  };
  const consumers: readonly Consumer<unknown>[] = await startInfluencerConsumers({
    client,
    store: db.store,
    log: () => undefined,
    topics: { 'eventos-crear-influencer': topics.crear, 'comandos-influencers-eliminacion': topics.eliminar },
    retryDelayMs: 100,
    maxRedeliveries: 2,
  });
  const producers = new Map<string, Promise<Producer<unknown>>>();
  const producerFor = (topic: TopicName, version: SchemaVersion) => {
    const key = `${topic}:${version}`;
    if (!producers.has(key)) {
      producers.set(
        key,
        client.createProducer<unknown>({
          topic: topics[physical[topic as keyof typeof physical]],
          schema: avroSchema(schemaText(topic, version)),
          batching: false,
        }),
      );
    }
    return producers.get(key) as Promise<Producer<unknown>>;
  };
  return {
    ...db,
    client,
    topics,
    send: async (topic, record, version = latestVersion(topic)) => {
      await (await producerFor(topic, version)).send({ value: record, key: 'k' });
    },
    close: async () => {
      await Promise.all(consumers.map((c) => c.close()));
      await client.close();
      await db.close();
    },
  };
}

export interface OutboxEntry<T extends TopicName = TopicName> {
  readonly topic: T;
  readonly key: string;
  readonly schemaVersion: number;
  readonly record: TopicRecords[T];
}

/** Outbox rows of one topic, decoded with the contracts' schema version they were written with. */
export async function outbox<T extends TopicName>(pool: DatabasePool, topic: T): Promise<OutboxEntry<T>[]> {
  const rows = await pool.any(
    sql.unsafe`select topic, key, value, schema_version from influencers.outbox where topic = ${topic} order by position`,
  );
  return rows.map((row) => ({
    topic,
    key: row['key'] as string,
    schemaVersion: row['schema_version'] as number,
    record: decode(topic, row['value'] as Buffer, {
      writerVersion: `v${row['schema_version'] as number}` as SchemaVersion,
    }),
  }));
}

/** The events of influencer `streamId`'s stream (`influencer-<id>`). */
export async function eventsOf(
  pool: DatabasePool,
  streamId: string,
): Promise<{ type: string; metadata: Record<string, unknown> }[]> {
  const rows = await pool.any(
    sql.unsafe`select type, metadata from influencers.events where stream_id = ${`influencer-${streamId}`} order by stream_version`,
  );
  return rows.map((row) => ({ type: row['type'] as string, metadata: row['metadata'] as Record<string, unknown> }));
}

export async function readModel(pool: DatabasePool, id: string): Promise<Record<string, unknown> | undefined> {
  return (await pool.maybeOne(sql.unsafe`select * from influencers.influencers where id = ${id}`)) ?? undefined;
}

/** Polls until `probe` holds (the consumer works asynchronously). */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await waitFor({ what, probe, timeoutMs, intervalMs: 50 });
}

/** Lets in-flight work finish, so a "nothing more happened" assertion means something. */
export const settle = (ms = 700) => new Promise((resolve) => setTimeout(resolve, ms));

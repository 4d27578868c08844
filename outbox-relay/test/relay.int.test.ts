import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { bytesSchema, createPulsarClient, rawAvroSchema } from '@alpes/pulsar';
import { freePort } from '@alpes/infra';
import { startRelay, buildApp, catalogueSchemaResolver, type Relay } from '@alpes/outbox-relay';
import {
  SCHEMA,
  checkExactlyOnceInOrder,
  fixture,
  publishedCount,
  receiveAll,
  row,
  subscribe,
  writeRows,
  type Fixture,
} from './support.ts';

const test = suite('outbox relay');
let f: Fixture;
let relay: Relay;

test.before(async () => {
  f = await fixture('relay');
  relay = startRelay({
    databaseUrl: f.databaseUrl,
    pool: f.pool,
    client: f.client,
    schemas: [SCHEMA],
    log: () => undefined,
    resolveSchema: catalogueSchemaResolver,
    rawSchema: rawAvroSchema,
    pollIntervalMs: 200,
    batchSize: 200,
  });
});

test.after(async () => {
  await relay.stop();
  await f.close();
});

test('publishes every committed row once, in order per key, and marks it published', async () => {
  const consumer = await subscribe(f);
  await writeRows(f, 1000, { keys: 7, perTx: 50 });
  const received = await receiveAll(consumer, 1000);
  assert.equal(checkExactlyOnceInOrder(received, 1000, 7), []);
  assert.is(await publishedCount(f.pool), 1000);
  await consumer.close();
});

test('gap: a transaction that commits after a later one is neither skipped nor reordered', async () => {
  const consumer = await subscribe(f);
  const a = new pg.Client({ connectionString: f.databaseUrl });
  const b = new pg.Client({ connectionString: f.databaseUrl });
  await a.connect();
  await b.connect();
  const insert = `insert into ${SCHEMA}.outbox (topic, key, value, schema_version, event_time) values ($1, $2, $3, 1, now()) returning position`;
  try {
    await a.query('begin');
    const posA = (await a.query(insert, [f.topic, 'gap', Buffer.from(JSON.stringify({ key: 'gap', n: 0 }))])).rows[0]
      .position;
    await b.query('begin');
    const posB = (await b.query(insert, [f.topic, 'gap', Buffer.from(JSON.stringify({ key: 'gap', n: 1 }))])).rows[0]
      .position;
    assert.ok(Number(posA) < Number(posB), 'A took the earlier position');
    await b.query('commit');
    const early = await consumer.receive(1500).catch(() => undefined);
    assert.is(early, undefined, 'B is held back while A, below it, is still open');
    await a.query('commit');
  } finally {
    await a.end();
    await b.end();
  }
  const received = await receiveAll(consumer, 2, 5000);
  assert.equal(received, [
    { key: 'gap', n: 0 },
    { key: 'gap', n: 1 },
  ]);
  await consumer.close();
});

test('a row inserted in a rolled-back transaction is never published', async () => {
  const consumer = await subscribe(f);
  await f.store
    .transaction(async (tx) => {
      await f.store.appendOutbox(tx, [row(f.topic, 'rolled', 0)]);
      throw new Error('roll back');
    })
    .catch(() => undefined);
  await f.store.transaction((tx) => f.store.appendOutbox(tx, [row(f.topic, 'kept', 0)]));
  const received = await receiveAll(consumer, 1, 3000);
  assert.equal(received, [{ key: 'kept', n: 0 }]);
  await consumer.close();
});

test('/metrics exposes the relay families with plausible values; /health shows leadership', async () => {
  const app = buildApp({ relay, schemas: [SCHEMA], broker: () => f.client.checkHealth() });
  const metrics = (await app.inject({ url: '/metrics' })).body;
  const value = (line: RegExp) => Number(line.exec(metrics)?.[1] ?? NaN);
  assert.ok(value(new RegExp(`outbox_relay_published_total\\{schema="${SCHEMA}",topic="[^"]+"\\} (\\d+)`)) >= 1000);
  assert.is(value(new RegExp(`outbox_relay_leader\\{schema="${SCHEMA}"\\} (\\d+)`)), 1);
  assert.is(value(new RegExp(`outbox_relay_backlog_rows\\{schema="${SCHEMA}"\\} (\\d+)`)), 0);
  assert.ok(value(new RegExp(`outbox_relay_commit_to_ack_seconds_count\\{schema="${SCHEMA}"\\} (\\d+)`)) >= 1000);
  assert.ok(value(new RegExp(`outbox_relay_batch_size_count\\{schema="${SCHEMA}"\\} (\\d+)`)) >= 1);
  for (const family of [
    'outbox_relay_oldest_unpublished_age_seconds',
    'outbox_relay_horizon_age_seconds',
    'outbox_relay_errors_total',
  ]) {
    assert.match(metrics, new RegExp(`# TYPE ${family} `));
  }
  const health = (await app.inject({ url: '/health' })).json();
  assert.equal(health.leading, [SCHEMA]);
  assert.is(health.status, 'up');
  assert.equal(health.checks, { database: { status: 'up' }, broker: { status: 'up' }, progress: { status: 'up' } });
  await app.close();
});

test('/health is 503 naming the broker when the broker does not answer, even with PostgreSQL up', async () => {
  const unreachable = createPulsarClient({
    serviceUrl: `pulsar://127.0.0.1:${await freePort()}`,
    operationTimeoutMs: 1000,
  });
  const app = buildApp({ relay, schemas: [SCHEMA], broker: () => unreachable.checkHealth() });
  const response = await app.inject({ url: '/health' });
  assert.is(response.statusCode, 503);
  const health = response.json();
  assert.is(health.status, 'down');
  assert.is(health.checks.database.status, 'up');
  assert.is(health.checks.broker.status, 'down');
  assert.type(health.checks.broker.error, 'string');
  await app.close();
  await unreachable.close();
});

test('Key_Shared with two consumers: each key reaches one consumer only, in order (a batch holds one key)', async () => {
  // The broker routes a whole entry by its key: an entry batching several keys would take all of them to the
  // consumer of the first, and a key would be split across consumers (and its order lost between them).
  const options = {
    topic: f.topic,
    subscription: 'keyed',
    type: 'Key_Shared' as const,
    initialPosition: 'Latest' as const,
    schema: bytesSchema(),
  };
  const consumers = [await f.client.subscribe(options), await f.client.subscribe(options)];
  await writeRows(f, 600, { keys: 40, perTx: 200, prefix: 'ks' });
  const received = await Promise.all(consumers.map((c) => receiveAll(c, 600, 3000)));
  const owners = new Map<string, Set<number>>();
  received.forEach((messages, i) =>
    messages.forEach(({ key }) => owners.set(key, (owners.get(key) ?? new Set()).add(i))),
  );
  const split = [...owners].filter(([, by]) => by.size > 1).map(([key]) => key);
  assert.equal(split, [], 'keys received by both consumers');
  assert.ok(
    received.every((messages) => messages.length > 0),
    'both consumers got keys',
  );
  assert.equal(
    checkExactlyOnceInOrder(
      received.flat().sort((a, b) => a.key.localeCompare(b.key)),
      600,
      40,
    ),
    [],
  );
  for (const messages of received)
    assert.equal(checkExactlyOnceInOrder(messages, messages.length, new Set(messages.map((m) => m.key)).size), []);
  await Promise.all(consumers.map((c) => c.close()));
});

test.run();

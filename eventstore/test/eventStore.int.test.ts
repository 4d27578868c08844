import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isConcurrencyError } from '@alpes/eventstore';
import { createPool, createPostgresEventStore, migrate, type PostgresEventStore } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import { z } from 'zod';
import type { CounterEvent } from './support/counter.ts';
import { gate, testDatabase, waitForLockWaiters, type TestDatabase } from './support/database.ts';

const test = suite('PostgreSQL event store: readStream / appendToStream');
let db: TestDatabase;
let store: PostgresEventStore;

test.before(async () => {
  db = await testDatabase('es_store');
  await migrate(db.pool, { schema: 'influencers' });
  store = createPostgresEventStore({ pool: db.pool, schema: 'influencers' });
});
test.after(async () => {
  await db.close();
});

const sumado = (by: number, total: number): CounterEvent => ({ type: 'Sumado', data: { by, total } });

test('a stream that does not exist reads empty at version 0', async () => {
  assert.equal(await store.readStream('nadie'), { events: [], currentVersion: 0 });
});

test('appends and reads back events with versions, positions, ids and metadata', async () => {
  const appended = await store.appendToStream('c-1', [sumado(1, 1), sumado(2, 3)], {
    expectedVersion: 'no_stream',
    metadata: { correlationId: 'saga-1', causationId: 'cmd-1' },
  });
  assert.is(appended.newVersion, 2);
  const read = await store.readStream<CounterEvent>('c-1');
  assert.is(read.currentVersion, 2);
  assert.equal(read.events, appended.events);
  assert.equal(
    read.events.map((e) => [e.streamVersion, e.type, e.data]),
    [
      [1, 'Sumado', { by: 1, total: 1 }],
      [2, 'Sumado', { by: 2, total: 3 }],
    ],
  );
  assert.equal(read.events[0]?.metadata, { correlationId: 'saga-1', causationId: 'cmd-1' });
  assert.ok(BigInt(read.events[1]?.globalPosition ?? 0) > BigInt(read.events[0]?.globalPosition ?? 0));
  assert.match(read.events[0]?.eventId ?? '', /^[0-9a-f-]{36}$/);
  assert.ok(read.events[0]?.recordedAt instanceof Date);
});

test('a wrong expected version is a ConcurrencyError and writes nothing', async () => {
  await store.appendToStream('c-2', [sumado(1, 1)], { expectedVersion: 0 });
  for (const expectedVersion of [0, 2, 'no_stream'] as const) {
    try {
      await store.appendToStream('c-2', [sumado(1, 2)], { expectedVersion });
      assert.unreachable('should conflict');
    } catch (error) {
      assert.ok(isConcurrencyError(error));
      assert.is(error.code, 'CONCURRENCY_CONFLICT');
      assert.is(error.actual, 1);
    }
  }
  assert.is((await store.readStream('c-2')).currentVersion, 1);
  assert.is((await store.appendToStream('c-2', [sumado(1, 2)], { expectedVersion: 'any' })).newVersion, 2);
});

test('two concurrent appends at the same expected version: exactly one wins', async () => {
  const results = await Promise.allSettled(
    [1, 2, 3, 4].map((by) => store.appendToStream('c-3', [sumado(by, by)], { expectedVersion: 0 })),
  );
  assert.is(results.filter((r) => r.status === 'fulfilled').length, 1);
  const rejected = results.filter((r) => r.status === 'rejected');
  assert.is(rejected.length, 3);
  for (const r of rejected) assert.is((r.reason as { code?: string }).code, 'CONCURRENCY_CONFLICT');
  assert.is((await store.readStream('c-3')).events.length, 1);
});

test('the loser of the unique-index race (both passed the version check) gets CONCURRENCY_CONFLICT', async () => {
  const inserted = gate();
  const commit = gate();
  const first = store.transaction(async (tx) => {
    await store.appendToStream('c-4', [sumado(1, 1)], { expectedVersion: 0, tx });
    inserted.open();
    await commit.wait;
  });
  await inserted.wait;
  // Reads version 0 (the first writer has not committed), then blocks on the unique index.
  const second = store.appendToStream('c-4', [sumado(2, 2)], { expectedVersion: 0 }).then(
    () => 'won',
    (error: unknown) => error,
  );
  await waitForLockWaiters(db.pool, 1);
  commit.open();
  await first;
  const outcome = await second;
  assert.ok(isConcurrencyError(outcome), String(outcome));
  assert.is(outcome.code, 'CONCURRENCY_CONFLICT');
  const events = (await store.readStream<CounterEvent>('c-4')).events;
  assert.equal(
    events.map((e) => e.data.by),
    [1],
  );
});

test('appending nothing checks the version and changes nothing', async () => {
  assert.equal(await store.appendToStream('c-5', [], { expectedVersion: 0 }), { events: [], newVersion: 0 });
  assert.is((await store.readStream('c-5')).currentVersion, 0);
});

test('a pool created for a schema starts its connections with that search_path; transactions need no set_config', async () => {
  const pool = await createPool(db.url, { schema: 'influencers' });
  try {
    const schemaStore = createPostgresEventStore({ pool, schema: 'influencers' });
    const seen = await schemaStore.transaction(async (tx) => ({
      path: await tx.oneFirst(sql.type(z.object({ path: z.string() }))`select current_setting('search_path') as path`),
      // unqualified: found through the connection's search_path
      events: await tx.oneFirst(sql.type(z.object({ n: z.number() }))`select count(*)::int as n from events`),
    }));
    assert.is(
      seen.path,
      'influencers,public',
      'as the connection started (set_config would read "influencers, public")',
    );
    assert.ok(seen.events > 0, 'the events of the tests above');
    const other = createPostgresEventStore({ pool, schema: 'otro' });
    await migrate(pool, { schema: 'otro' });
    const path = await other.transaction((tx) =>
      tx.oneFirst(sql.type(z.object({ path: z.string() }))`select current_setting('search_path') as path`),
    );
    assert.is(path, 'otro, public', 'another schema on the same pool still sets its own');
  } finally {
    await pool.end();
  }
});

test('a DATABASE_URL with startup options of its own keeps them', async () => {
  const url = new URL(db.url);
  url.searchParams.set('options', '-c application_name=mine');
  const pool = await createPool(url.toString(), { schema: 'influencers' });
  try {
    const store2 = createPostgresEventStore({ pool, schema: 'influencers' });
    const seen = await store2.transaction(async (tx) =>
      tx.one(sql.type(z.object({ app: z.string(), path: z.string() }))`
      select current_setting('application_name') as app, current_setting('search_path') as path`),
    );
    assert.equal(seen, { app: 'mine', path: 'influencers, public' }, 'search_path from set_config');
  } finally {
    await pool.end();
  }
});

test.run();

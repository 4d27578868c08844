import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { OutboxMessage } from '@alpes/eventstore';
import {
  createOutboxReader,
  createPostgresEventStore,
  handleCommand,
  migrate,
  type OutboxReader,
  type OutboxRow,
} from '@alpes/eventstore/postgres';
import { createHash } from 'node:crypto';
import { sql } from 'slonik';
import { baseMigrations } from '../src/postgres/baseMigrations.ts';
import { migrationQuery } from '../src/postgres/migrationQuery.ts';
import { counterDecider, counterOutbox } from './support/counter.ts';
import { gate, testDatabase, type TestDatabase } from './support/database.ts';

const test = suite('outbox: xid8 horizon, claim → mark published → prune');
let db: TestDatabase;
let schemas = 0;

test.before(async () => {
  db = await testDatabase('es_outbox');
});
test.after(async () => {
  await db.close();
});

/** A schema of its own per test, so each starts with an empty outbox. */
async function freshSchema() {
  const schema = `outbox_${++schemas}`;
  await migrate(db.pool, { schema });
  return {
    store: createPostgresEventStore({ pool: db.pool, schema }),
    reader: createOutboxReader({ pool: db.pool, schema }),
  };
}

/**
 * The xid8 horizon is cluster-wide: a transaction of another test file, in another database, holds rows
 * back for a moment. Claims that expect rows wait for them (bounded).
 */
async function claimSome(reader: OutboxReader, limit: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await reader.claimBatch(limit);
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Claims (marking each batch published with the next claim) until `count` rows came, in claim order. */
async function claimAll(reader: OutboxReader, count: number) {
  const all: OutboxRow[] = [];
  let batch: OutboxRow[] = [];
  const deadline = Date.now() + 10_000;
  while (all.length < count && Date.now() < deadline) {
    batch = await reader.claimBatch(count, { published: batch });
    all.push(...batch);
    if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return all;
}

const message = (key: string, eventTime = 1_700_000_000_123): OutboxMessage => ({
  topic: 'eventos-prueba',
  key,
  value: new Uint8Array([0, 1, 2, 255]),
  schemaVersion: 2,
  properties: { traceparent: 't' },
  eventTime,
});

test('round-trips a row: value bytes, properties, event time in ms', async () => {
  const { store, reader } = await freshSchema();
  const [position] = await store.transaction((tx) => store.appendOutbox(tx, [message('k-1')]));
  const [row] = await claimSome(reader, 10);
  assert.equal(
    row && [
      row.position,
      row.relaySeq,
      row.topic,
      row.key,
      [...row.value],
      row.schemaVersion,
      row.properties,
      row.eventTime,
    ],
    [position, '1', 'eventos-prueba', 'k-1', [0, 1, 2, 255], 2, { traceparent: 't' }, 1_700_000_000_123],
  );
});

test('rows of a transaction still running hold back later commits; order is (tx, position), not position', async () => {
  const { store, reader } = await freshSchema();
  const started = gate();
  const finish = gate();
  // The older transaction takes its xid first (inbox write), but writes its outbox row last.
  const older = store.transaction(async (tx) => {
    await store.recordInbox(tx, 'older');
    started.open();
    await finish.wait;
    await store.appendOutbox(tx, [message('older')]);
  });
  await started.wait;
  await store.transaction((tx) => store.appendOutbox(tx, [message('younger')]));
  const held = await reader.claim(10);
  assert.equal(held, { rows: [], heldBack: true }, 'the younger commit waits for the horizon, and the claim says so');
  finish.open();
  await older;
  // Other tests' transactions in the same cluster can hold the horizon between the two: claim until both came.
  const rows = await claimAll(reader, 2);
  assert.equal(
    rows.map((r) => [r.key, r.relaySeq]),
    [
      ['older', '1'],
      ['younger', '2'],
    ],
  );
  assert.ok(
    BigInt(rows[0]?.position ?? 0) > BigInt(rows[1]?.position ?? 0),
    'position order differs from publish order',
  );
});

test('claimed but unpublished rows come back with the same relaySeq (a relay crash republishes them)', async () => {
  const { store, reader } = await freshSchema();
  await store.transaction((tx) => store.appendOutbox(tx, [message('a'), message('b'), message('c')]));
  const first = await claimSome(reader, 2);
  const again = await reader.claimBatch(2);
  assert.equal(
    again.map((r) => [r.key, r.relaySeq]),
    [
      ['a', '1'],
      ['b', '2'],
    ],
  );
  assert.equal(again, first);
  assert.is(await reader.markPublished(first), 2);
  assert.is(await reader.markPublished(first), 0, 'the cursor is already past them');
  const rest = await claimSome(reader, 2);
  assert.equal(
    rest.map((r) => [r.key, r.relaySeq]),
    [['c', '3']],
  );
  await reader.markPublished(rest);
  assert.equal(await reader.claimBatch(2), []);
  assert.is(await reader.prune(60_000), 0, 'inside the retention');
  assert.is(await reader.prune(0), 3);
});

test('per aggregate, publish order follows stream order under concurrent commands', async () => {
  const { store, reader } = await freshSchema();
  const streams = ['s-a', 's-b', 's-c'];
  await Promise.all(
    streams.flatMap((streamId) =>
      Array.from({ length: 6 }, () =>
        handleCommand({
          store,
          streamId,
          decider: counterDecider(),
          command: { by: 1 },
          outbox: counterOutbox,
          retry: { maxAttempts: 50 },
        }),
      ),
    ),
  );
  const rows = await claimAll(reader, 18);
  assert.equal(
    rows.map((r) => Number(r.relaySeq)),
    Array.from({ length: 18 }, (_, i) => i + 1),
  );
  for (const streamId of streams) {
    const versions = rows.filter((r) => r.key === streamId).map((r) => Number(r.properties['version']));
    assert.equal(versions, [1, 2, 3, 4, 5, 6], streamId);
  }
});

test('a claim moves the cursor past the previous batch in the same round trip', async () => {
  const { store, reader } = await freshSchema();
  await store.transaction((tx) => store.appendOutbox(tx, [message('a'), message('b'), message('c')]));
  const first = await claimSome(reader, 2);
  let second = await reader.claimBatch(2, { published: first });
  if (second.length === 0) second = await claimSome(reader, 2); // held back by another file's transaction
  assert.equal(
    second.map((r) => [r.key, r.relaySeq]),
    [['c', '3']],
  );
  assert.is(await reader.markPublished(first), 0, 'already past them');
  assert.is(await reader.markPublished(second), 1);
  assert.equal(await reader.claimBatch(2), []);
});

test('a batch the cursor is not at is refused (another relay moved it); nothing changes', async () => {
  const { store, reader } = await freshSchema();
  await store.transaction((tx) => store.appendOutbox(tx, [message('a'), message('b'), message('c')]));
  const [, , third] = await claimSome(reader, 3);
  assert.ok(third, 'three rows claimed');
  const refusal = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'accepted',
      (error: Error) => error.message,
    );
  assert.match(await refusal(reader.markPublished([third])), /not at publish sequence 2/);
  assert.match(await refusal(reader.claimBatch(3, { published: [third] })), /not at publish sequence 2/);
  assert.equal(
    (await reader.claimBatch(3)).map((r) => r.relaySeq),
    ['1', '2', '3'],
    'the cursor did not move',
  );
});

/**
 * A schema migrated before the cursor (base migrations 1–2), whose relay numbered rows in place: three
 * published (`pruned` drops them, as retention would), one numbered but not yet published, two not numbered.
 */
async function legacySchema(pruned: boolean) {
  const schema = `legado_${++schemas}`;
  await db.pool.query(sql.unsafe`create schema ${sql.identifier([schema])}`);
  await db.pool.transaction(async (tx) => {
    await tx.query(sql.unsafe`select set_config('search_path', ${schema}, true)`);
    await tx.query(sql.unsafe`create table schema_migrations (scope text not null, version integer not null, name text not null,
      checksum text not null, applied_at timestamptz not null default now(), primary key (scope, version))`);
    for (const migration of baseMigrations.slice(0, 2)) {
      await tx.query(migrationQuery(migration.sql));
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      await tx.query(
        sql.unsafe`insert into schema_migrations (scope, version, name, checksum) values ('eventstore', ${migration.version}, ${migration.name}, ${checksum})`,
      );
    }
  });
  const outbox = sql.identifier([schema, 'outbox']);
  for (const key of ['p1', 'p2', 'p3', 'numbered', 'new-1', 'new-2']) {
    await db.pool.query(
      sql.unsafe`insert into ${outbox} (topic, key, value, schema_version, event_time) values ('t', ${key}, '\\x00', 1, now())`,
    );
  }
  await db.pool.query(sql.unsafe`
    update ${outbox} as o set relay_seq = n.seq, published_at = case when n.seq <= 3 then now() end
    from (select position, row_number() over (order by tx, position) as seq from ${outbox}) as n
    where o.position = n.position and n.seq <= 4`);
  await db.pool.query(sql.unsafe`update ${sql.identifier([schema, 'outbox_relay_state'])} set last_seq = 4`);
  if (pruned) await db.pool.query(sql.unsafe`delete from ${outbox} where published_at is not null`);
  await migrate(db.pool, { schema });
  return createOutboxReader({ pool: db.pool, schema });
}

for (const pruned of [false, true]) {
  test(`migration 3 carries a relay's numbering over to the cursor (published rows ${pruned ? 'pruned' : 'kept'})`, async () => {
    const reader = await legacySchema(pruned);
    const rows = await claimAll(reader, 3);
    assert.equal(
      rows.map((r) => [r.key, r.relaySeq]),
      [
        ['numbered', '4'],
        ['new-1', '5'],
        ['new-2', '6'],
      ],
      'the numbered row keeps its number (the broker dropped it if it had it), the others follow',
    );
  });
}

test.run();

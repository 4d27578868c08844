import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { isDomainError } from '@alpes/eventstore';
import { createPostgresEventStore, handleCommand, migrate, type PostgresEventStore, type Projection } from '@alpes/eventstore/postgres';
import { counterDecider, counterOutbox, type CounterEvent } from './support/counter.ts';
import { gate, testDatabase, waitForLockWaiters, type TestDatabase } from './support/database.ts';

const test = suite('handleCommand');
let db: TestDatabase;
let store: PostgresEventStore;

const readModel = { version: 1, name: 'contador_view', sql: 'create table contador_view (id text primary key, total int not null);' };

test.before(async () => {
  db = await testDatabase('es_handle');
  await migrate(db.pool, { schema: 'campanas', migrations: [readModel] });
  store = createPostgresEventStore({ pool: db.pool, schema: 'campanas' });
});
test.after(async () => {
  await db.close();
});

// Unqualified table name: the transaction's search_path is the service schema.
const project: Projection<CounterEvent> = async (tx, events) => {
  for (const event of events) {
    await tx.query(sql.unsafe`
      insert into contador_view (id, total) values (${event.streamId}, ${event.data.total})
      on conflict (id) do update set total = excluded.total`);
  }
};

const count = (table: 'events' | 'outbox' | 'inbox', where = sql.fragment`true`) =>
  db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`select count(*)::int4 as n from ${sql.identifier(['campanas', table])} where ${where}`);
const viewTotal = (id: string) =>
  db.pool.maybeOneFirst(sql.type(z.object({ total: z.number() }))`select total from campanas.contador_view where id = ${id}`);

test('decides, appends, projects and writes the outbox in one go', async () => {
  const result = await handleCommand({ store, streamId: 'h-1', decider: counterDecider(), command: { by: 5 }, projections: [project], outbox: counterOutbox, metadata: { correlationId: 'saga-9' } });
  assert.equal([result.duplicate, result.newVersion, result.state], [false, 1, { total: 5 }]);
  assert.equal(result.events.map((e) => [e.streamVersion, e.data, e.metadata]), [[1, { by: 5, total: 5 }, { correlationId: 'saga-9' }]]);
  assert.is(await viewTotal('h-1'), 5);
  assert.is(await count('outbox', sql.fragment`key = 'h-1'`), 1);
  const again = await handleCommand({ store, streamId: 'h-1', decider: counterDecider(), command: { by: 2 }, projections: [project] });
  assert.equal([again.newVersion, again.state], [2, { total: 7 }]);
  assert.is(await viewTotal('h-1'), 7);
});

test('a failing projection rolls back the append and the outbox row (all-or-nothing)', async () => {
  const failing: Projection<CounterEvent> = async () => {
    throw new Error('read model broke');
  };
  try {
    await handleCommand({ store, streamId: 'h-2', decider: counterDecider(), command: { by: 1 }, inboxId: 'm-h2', projections: [project, failing], outbox: counterOutbox });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match(String(error), /read model broke/);
  }
  assert.is(await count('events', sql.fragment`stream_id = 'h-2'`), 0);
  assert.is(await count('outbox', sql.fragment`key = 'h-2'`), 0);
  assert.is(await count('inbox', sql.fragment`message_id = 'm-h2'`), 0);
  assert.is(await viewTotal('h-2'), null);
});

test('a failing outbox mapper rolls back the events and the projection', async () => {
  const outbox = () => {
    throw new Error('cannot encode');
  };
  try {
    await handleCommand({ store, streamId: 'h-3', decider: counterDecider(), command: { by: 1 }, projections: [project], outbox });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match(String(error), /cannot encode/);
  }
  assert.is(await count('events', sql.fragment`stream_id = 'h-3'`), 0);
  assert.is(await viewTotal('h-3'), null);
});

test('a DomainError propagates and changes nothing', async () => {
  try {
    await handleCommand({ store, streamId: 'h-4', decider: counterDecider(), command: { by: 500 }, inboxId: 'm-h4', outbox: counterOutbox });
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(isDomainError(error, 'DEMASIADO_GRANDE'));
  }
  assert.is(await count('events', sql.fragment`stream_id = 'h-4'`), 0);
  assert.is(await count('inbox', sql.fragment`message_id = 'm-h4'`), 0);
});

test('the same inboxId twice: one event, the second call is a duplicate that changes nothing', async () => {
  const options = { store, streamId: 'h-5', decider: counterDecider(), command: { by: 3 }, inboxId: 'm-h5', outbox: counterOutbox };
  const first = await handleCommand(options);
  const second = await handleCommand(options);
  assert.equal([first.duplicate, first.newVersion], [false, 1]);
  assert.equal([second.duplicate, second.events, second.newVersion, second.state], [true, [], 1, { total: 3 }]);
  assert.is(await count('events', sql.fragment`stream_id = 'h-5'`), 1);
  assert.is(await count('outbox', sql.fragment`key = 'h-5'`), 1);
});

test('the same inboxId delivered twice at once: still one event', async () => {
  const options = { store, streamId: 'h-6', decider: counterDecider(), command: { by: 4 }, inboxId: 'm-h6', outbox: counterOutbox };
  const results = await Promise.all([handleCommand(options), handleCommand(options), handleCommand(options)]);
  assert.equal(results.map((r) => r.duplicate).sort(), [false, true, true]);
  assert.is(await count('events', sql.fragment`stream_id = 'h-6'`), 1);
  assert.is(await count('outbox', sql.fragment`key = 'h-6'`), 1);
});

test('error event + inbox without events: appendOutbox and recordInbox in one transaction', async () => {
  const message = { topic: 'eventos-contador-errores', key: 'h-7', value: new Uint8Array([1, 2]), schemaVersion: 1, eventTime: 0 };
  const recorded = await store.transaction(async (tx) => {
    if (!(await store.recordInbox(tx, 'm-h7', 'contador'))) return false;
    await store.appendOutbox(tx, [message]);
    return true;
  });
  assert.is(recorded, true);
  assert.is(await store.transaction((tx) => store.recordInbox(tx, 'm-h7', 'contador')), false);
  const later = await handleCommand({ store, streamId: 'h-7', decider: counterDecider(), command: { by: 1 }, inboxId: 'm-h7' });
  assert.is(later.duplicate, true);
  assert.is(await count('events', sql.fragment`stream_id = 'h-7'`), 0);
  assert.is(await count('outbox', sql.fragment`key = 'h-7'`), 1);
});

test('two concurrent commands on one stream: the loser retries and both land in order (versions 1, 2)', async () => {
  const appended = gate();
  const commit = gate();
  const holdFirst: Projection<CounterEvent> = async () => {
    appended.open();
    await commit.wait;
  };
  const calls = { decide: 0 };
  const first = handleCommand({ store, streamId: 'h-8', decider: counterDecider(), command: { by: 10 }, projections: [holdFirst] });
  await appended.wait;
  const second = handleCommand({ store, streamId: 'h-8', decider: counterDecider(calls), command: { by: 1 }, outbox: counterOutbox });
  await waitForLockWaiters(db.pool, 1);
  commit.open();
  const [a, b] = await Promise.all([first, second]);
  assert.equal([a.newVersion, b.newVersion], [1, 2]);
  assert.equal(b.state, { total: 11 });
  assert.is(calls.decide, 2, 'the second command was decided again on the new state');
  const events = (await store.readStream<CounterEvent>('h-8')).events;
  assert.equal(events.map((e) => [e.streamVersion, e.data.by]), [[1, 10], [2, 1]]);
});

test('many concurrent commands on one stream all land, each version once', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () =>
    handleCommand({ store, streamId: 'h-9', decider: counterDecider(), command: { by: 1 }, outbox: counterOutbox, retry: { maxAttempts: 30 } })));
  assert.equal(results.map((r) => r.newVersion).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.is((await store.readStream('h-9')).currentVersion, 8);
});

test.run();

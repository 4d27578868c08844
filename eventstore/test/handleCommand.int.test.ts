import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { isConcurrencyError, isDomainError } from '@alpes/eventstore';
import {
  createPool,
  createPostgresEventStore,
  handleCommand,
  migrate,
  newEvents,
  RetryableConflict,
  type PostgresEventStore,
  type Projection,
} from '@alpes/eventstore/postgres';
import { counterDecider, counterOutbox, type CounterEvent } from './support/counter.ts';
import { gate, testDatabase, waitForLockWaiters, type TestDatabase } from './support/database.ts';

const test = suite('handleCommand');
let db: TestDatabase;
let store: PostgresEventStore;

const readModel = {
  version: 1,
  name: 'contador_view',
  sql: 'create table contador_view (id text primary key, total int not null);',
};

test.before(async () => {
  db = await testDatabase('es_handle');
  await migrate(db.pool, { schema: 'campanas', migrations: [readModel] });
  store = createPostgresEventStore({ pool: db.pool, schema: 'campanas' });
});
test.after(async () => {
  await db.close();
});

// Unqualified table name: the statement runs with the service schema as search_path.
const project: Projection<CounterEvent> = (events) =>
  events.map(
    (event) => sql.fragment`
  insert into contador_view (id, total) values (${event.streamId}, ${event.data.total})
  on conflict (id) do update set total = excluded.total`,
  );

const count = (table: 'events' | 'outbox' | 'inbox', where = sql.fragment`true`) =>
  db.pool.oneFirst(
    sql.type(
      z.object({ n: z.number() }),
    )`select count(*)::int4 as n from ${sql.identifier(['campanas', table])} where ${where}`,
  );
/** A statement text as the tag's argument (the text of a prepared statement, read back from the server). */
const rawSql = (text: string) =>
  Object.assign([text], { raw: Object.freeze([text]) }) as unknown as TemplateStringsArray;
const viewTotal = (id: string) =>
  db.pool.maybeOneFirst(
    sql.type(z.object({ total: z.number() }))`select total from campanas.contador_view where id = ${id}`,
  );

test('decides, appends, projects and writes the outbox in one go', async () => {
  const result = await handleCommand({
    store,
    streamId: 'h-1',
    decider: counterDecider(),
    command: { by: 5 },
    projections: [project],
    outbox: counterOutbox,
    metadata: { correlationId: 'saga-9' },
  });
  assert.equal([result.duplicate, result.newVersion, result.state], [false, 1, { total: 5 }]);
  assert.equal(
    result.events.map((e) => [e.streamVersion, e.data, e.metadata]),
    [[1, { by: 5, total: 5 }, { correlationId: 'saga-9' }]],
  );
  assert.is(await viewTotal('h-1'), 5);
  assert.is(await count('outbox', sql.fragment`key = 'h-1'`), 1);
  const again = await handleCommand({
    store,
    streamId: 'h-1',
    decider: counterDecider(),
    command: { by: 2 },
    projections: [project],
  });
  assert.equal([again.newVersion, again.state], [2, { total: 7 }]);
  assert.is(await viewTotal('h-1'), 7);
});

test('the outbox mapper and the projections see the event id, version and time that are stored', async () => {
  const seen: string[] = [];
  const outbox = (events: Parameters<typeof counterOutbox>[0]) => {
    seen.push(...events.map((e) => `${e.eventId}@${e.streamVersion}@${e.recordedAt.getTime()}`));
    return counterOutbox(events);
  };
  const result = await handleCommand({
    store,
    streamId: 'h-1b',
    decider: counterDecider(),
    command: { by: 2 },
    outbox,
  });
  const stored = (await store.readStream<CounterEvent>('h-1b')).events;
  assert.equal(
    stored.map((e) => `${e.eventId}@${e.streamVersion}@${e.recordedAt.getTime()}`),
    seen,
  );
  assert.equal(
    result.events.map((e) => e.globalPosition),
    stored.map((e) => e.globalPosition),
  );
  assert.match(result.events[0]?.globalPosition ?? '', /^[1-9][0-9]*$/);
});

test("a command's read and commit are named prepared statements: the second command only binds and executes them", async () => {
  const pool = await createPool(db.url, { schema: 'campanas', maximumPoolSize: 1 });
  try {
    const one = createPostgresEventStore({ pool, schema: 'campanas' });
    const prepared = () =>
      pool.anyFirst(sql.type(z.object({ statement: z.string() }))`
      select statement from pg_prepared_statements where name like 'es\\_%' order by statement`);
    await handleCommand({
      store: one,
      streamId: 'h-p1',
      decider: counterDecider(),
      command: { by: 1 },
      inboxId: 'm-hp1',
      projections: [project],
      outbox: counterOutbox,
    });
    const after = await prepared();
    assert.ok(
      after.some((s) => /outbox/.test(s) && /inbox/.test(s)),
      'the commit statement is prepared',
    );
    assert.ok(
      after.some((s) => /left join/.test(s)),
      'the read is prepared',
    );
    await handleCommand({
      store: one,
      streamId: 'h-p2',
      decider: counterDecider(),
      command: { by: 2 },
      inboxId: 'm-hp2',
      projections: [project],
      outbox: counterOutbox,
    });
    assert.equal(await prepared(), after, 'the same statements, reused');
    // A migration that changes the tables under them (as a rolling deploy can while this process runs): the
    // prepared statements are planned again, their results keep their shape, nothing fails.
    await pool.query(sql.unsafe`alter table campanas.events add column added_later text`);
    try {
      const later = await handleCommand({
        store: one,
        streamId: 'h-p1',
        decider: counterDecider(),
        command: { by: 3 },
        inboxId: 'm-hp3',
        projections: [project],
        outbox: counterOutbox,
      });
      assert.equal([later.newVersion, later.state], [2, { total: 4 }]);
    } finally {
      await pool.query(sql.unsafe`alter table campanas.events drop column added_later`);
    }
  } finally {
    await pool.end();
  }
});

test('group commit: commits of one event-loop turn share a statement; a conflicting one fails alone', async () => {
  const request = (streamId: string, readVersion: number, total: number) => {
    const events = newEvents({
      streamId,
      events: [{ type: 'Sumado', data: { by: total, total } } as CounterEvent],
      readVersion,
    });
    return {
      events,
      statements: project(events, undefined),
      outbox: counterOutbox(events),
      inbox: { messageId: `m-${streamId}-${readVersion}` },
    };
  };
  const first = await Promise.all(['g-1', 'g-2', 'g-3'].map((id, i) => store.commit(request(id, 0, i + 1))));
  assert.equal(
    first.map((events) => events.map((e) => [e.streamId, e.streamVersion])),
    [[['g-1', 1]], [['g-2', 1]], [['g-3', 1]]],
  );
  const txs = await db.pool.anyFirst(sql.type(z.object({ tx: z.string() }))`
    select distinct tx::text as tx from campanas.events where stream_id in ('g-1', 'g-2', 'g-3')`);
  assert.is(txs.length, 1, 'one statement (one transaction) wrote the three');
  // g-2 version 1 exists: that commit conflicts; the others land, each on its own after the shared one failed.
  const outcomes = await Promise.allSettled([
    store.commit(request('g-1', 1, 5)),
    store.commit(request('g-2', 0, 9)),
    store.commit(request('g-4', 0, 7)),
  ]);
  assert.equal(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.ok(
    isConcurrencyError((outcomes[1] as PromiseRejectedResult).reason),
    'the conflict is reported to its own request',
  );
  assert.equal(await viewTotal('g-1'), 5);
  assert.equal(await viewTotal('g-2'), 2, 'the refused commit wrote nothing');
  assert.equal(await viewTotal('g-4'), 7);
});

test('group read: the reads of one event-loop turn share a statement; each gets its own stream and inbox answer', async () => {
  let statements = 0;
  const pool = await createPool(db.url, {
    schema: 'campanas',
    interceptors: [
      {
        name: 'count',
        beforeQueryExecution: () => {
          statements += 1;
          return null;
        },
      },
    ],
  });
  try {
    const one = createPostgresEventStore({ pool, schema: 'campanas' });
    await handleCommand({
      store: one,
      streamId: 'r-1',
      decider: counterDecider(),
      command: { by: 2 },
      inboxId: 'm-r1',
    });
    await handleCommand({
      store: one,
      streamId: 'r-1',
      decider: counterDecider(),
      command: { by: 3 },
      inboxId: 'm-r1b',
    });
    await handleCommand({ store: one, streamId: 'r-2', decider: counterDecider(), command: { by: 7 } });
    statements = 0;
    const [a, b, c, d, e] = await Promise.all([
      one.readForCommand<CounterEvent>(pool, 'r-1', 'm-r1'),
      one.readForCommand<CounterEvent>(pool, 'r-2', 'm-unseen'),
      one.readForCommand<CounterEvent>(pool, 'r-none', undefined),
      one.readStream<CounterEvent>('r-1'),
      one.inInbox(pool, 'm-r1b'),
    ]);
    assert.is(statements, 1, 'five reads, one statement');
    assert.equal([a.duplicate, a.stream.currentVersion, a.stream.events.map((ev) => ev.data.total)], [true, 2, [2, 5]]);
    assert.equal([b.duplicate, b.stream.currentVersion, b.stream.events.map((ev) => ev.data.total)], [false, 1, [7]]);
    assert.equal([c.duplicate, c.stream], [false, { events: [], currentVersion: 0 }]);
    assert.equal(
      d.events.map((ev) => [ev.streamId, ev.streamVersion]),
      [
        ['r-1', 1],
        ['r-1', 2],
      ],
    );
    assert.is(e, true);
  } finally {
    await pool.end();
  }
});

test('the group read probes the inbox and the stream by their keys, even with a plan made while the tables were empty', async () => {
  // A connection keeps a prepared statement's generic plan; one made on a new, empty schema must not scan the
  // tables once they have grown.
  await migrate(db.pool, { schema: 'sondeo' });
  const pool = await createPool(db.url, { schema: 'sondeo', maximumPoolSize: 1 });
  try {
    const one = createPostgresEventStore({ pool, schema: 'sondeo' });
    await one.readForCommand(pool, 'x-1', 'm-x1');
    const text = await pool.oneFirst(sql.type(z.object({ statement: z.string() }))`
      select statement from pg_prepared_statements where statement like '%unnest%'`);
    const plans = await pool.connect(async (connection) => {
      const explain = async () =>
        (
          (await connection.anyFirst(sql.unsafe`explain execute plan_probe('{x-1,x-2}', '{plan-1,m-x2}')`)) as string[]
        ).join('\n');
      await connection.query(sql.unsafe`set plan_cache_mode = force_generic_plan`);
      await connection.query(sql.unsafe(rawSql(`prepare plan_probe as ${text}`)));
      try {
        const empty = await explain();
        await db.pool.query(
          sql.unsafe`insert into sondeo.inbox (message_id, consumer) select 'plan-' || g, 't' from generate_series(1, 20000) as g`,
        );
        await db.pool.query(sql.unsafe`analyze sondeo.inbox`);
        return [empty, await explain()];
      } finally {
        await connection.query(sql.unsafe`deallocate plan_probe`);
        await connection.query(sql.unsafe`reset plan_cache_mode`);
      }
    });
    for (const plan of plans) {
      assert.not.match(plan, /Seq Scan/, plan);
      assert.match(plan, /inbox_pkey/, plan);
    }
  } finally {
    await pool.end();
  }
});

test('a conflict keeps its connection: a unique violation does not cost PostgreSQL a new backend', async () => {
  const pool = await createPool(db.url, { schema: 'campanas', maximumPoolSize: 1 });
  try {
    const one = createPostgresEventStore({ pool, schema: 'campanas' });
    const backend = () => pool.oneFirst(sql.type(z.object({ pid: z.number() }))`select pg_backend_pid() as pid`);
    await one.commit({
      events: newEvents({ streamId: 'k-1', events: [{ type: 'Sumado', data: { by: 1, total: 1 } }], readVersion: 0 }),
    });
    const before = await backend();
    try {
      await one.commit({
        events: newEvents({ streamId: 'k-1', events: [{ type: 'Sumado', data: { by: 1, total: 1 } }], readVersion: 0 }),
      });
      assert.unreachable('version 1 of k-1 exists');
    } catch (error) {
      assert.ok(isConcurrencyError(error), String(error));
    }
    assert.is(await backend(), before, 'the same backend after the conflict');
  } finally {
    await pool.end();
  }
});

test('a failing projection statement rolls back the append, the outbox row and the inbox entry (all-or-nothing)', async () => {
  const failing: Projection<CounterEvent> = (events) =>
    events.map(
      (event) => sql.fragment`
    insert into contador_view (id, total) values (${event.streamId}, null)`,
    );
  try {
    await handleCommand({
      store,
      streamId: 'h-2',
      decider: counterDecider(),
      command: { by: 1 },
      inboxId: 'm-h2',
      projections: [project, failing],
      outbox: counterOutbox,
    });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match(String(error), /not null/i);
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
    await handleCommand({
      store,
      streamId: 'h-3',
      decider: counterDecider(),
      command: { by: 1 },
      projections: [project],
      outbox,
    });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match(String(error), /cannot encode/);
  }
  assert.is(await count('events', sql.fragment`stream_id = 'h-3'`), 0);
  assert.is(await viewTotal('h-3'), null);
});

test('a DomainError propagates and changes nothing', async () => {
  try {
    await handleCommand({
      store,
      streamId: 'h-4',
      decider: counterDecider(),
      command: { by: 500 },
      inboxId: 'm-h4',
      outbox: counterOutbox,
    });
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(isDomainError(error, 'DEMASIADO_GRANDE'));
  }
  assert.is(await count('events', sql.fragment`stream_id = 'h-4'`), 0);
  assert.is(await count('inbox', sql.fragment`message_id = 'm-h4'`), 0);
});

test('the same inboxId twice: one event, the second call is a duplicate that changes nothing', async () => {
  const options = {
    store,
    streamId: 'h-5',
    decider: counterDecider(),
    command: { by: 3 },
    inboxId: 'm-h5',
    outbox: counterOutbox,
  };
  const first = await handleCommand(options);
  const second = await handleCommand(options);
  assert.equal([first.duplicate, first.newVersion], [false, 1]);
  assert.equal([second.duplicate, second.events, second.newVersion, second.state], [true, [], 1, { total: 3 }]);
  assert.is(await count('events', sql.fragment`stream_id = 'h-5'`), 1);
  assert.is(await count('outbox', sql.fragment`key = 'h-5'`), 1);
});

test('the same inboxId delivered twice at once: still one event', async () => {
  const options = {
    store,
    streamId: 'h-6',
    decider: counterDecider(),
    command: { by: 4 },
    inboxId: 'm-h6',
    outbox: counterOutbox,
  };
  const results = await Promise.all([handleCommand(options), handleCommand(options), handleCommand(options)]);
  assert.equal(results.map((r) => r.duplicate).sort(), [false, true, true]);
  assert.is(await count('events', sql.fragment`stream_id = 'h-6'`), 1);
  assert.is(await count('outbox', sql.fragment`key = 'h-6'`), 1);
});

test('error event + inbox without events: one commit; the same inbox id again is a conflict that writes nothing', async () => {
  const message = {
    topic: 'eventos-contador-errores',
    key: 'h-7',
    value: new Uint8Array([1, 2]),
    schemaVersion: 1,
    eventTime: 0,
  };
  assert.equal(
    await store.commit({ events: [], outbox: [message], inbox: { messageId: 'm-h7', consumer: 'contador' } }),
    [],
  );
  try {
    await store.commit({ events: [], outbox: [message], inbox: { messageId: 'm-h7', consumer: 'contador' } });
    assert.unreachable('the second commit should conflict');
  } catch (error) {
    assert.instance(error, RetryableConflict);
  }
  const later = await handleCommand({
    store,
    streamId: 'h-7',
    decider: counterDecider(),
    command: { by: 1 },
    inboxId: 'm-h7',
  });
  assert.is(later.duplicate, true);
  assert.is(await count('events', sql.fragment`stream_id = 'h-7'`), 0);
  assert.is(await count('outbox', sql.fragment`key = 'h-7'`), 1);
});

test('a command racing an uncommitted writer of its stream: it waits, loses, reads again and lands after it (versions 1, 2)', async () => {
  const appended = gate();
  const commit = gate();
  const first = store.transaction(async (tx) => {
    await store.appendToStream<CounterEvent>('h-8', [{ type: 'Sumado', data: { by: 10, total: 10 } }], {
      expectedVersion: 0,
      tx,
    });
    appended.open();
    await commit.wait;
  });
  await appended.wait;
  const calls = { decide: 0 };
  const second = handleCommand({
    store,
    streamId: 'h-8',
    decider: counterDecider(calls),
    command: { by: 1 },
    outbox: counterOutbox,
  });
  await waitForLockWaiters(db.pool, 1);
  commit.open();
  const [, b] = await Promise.all([first, second]);
  assert.is(b.newVersion, 2);
  assert.equal(b.state, { total: 11 });
  assert.is(calls.decide, 2, 'the second command was decided again on the new state');
  const events = (await store.readStream<CounterEvent>('h-8')).events;
  assert.equal(
    events.map((e) => [e.streamVersion, e.data.by]),
    [
      [1, 10],
      [2, 1],
    ],
  );
});

test('many concurrent commands on one stream all land, each version once', async () => {
  const results = await Promise.all(
    Array.from({ length: 8 }, () =>
      handleCommand({
        store,
        streamId: 'h-9',
        decider: counterDecider(),
        command: { by: 1 },
        outbox: counterOutbox,
        retry: { maxAttempts: 30 },
      }),
    ),
  );
  assert.equal(
    results.map((r) => r.newVersion).sort((x, y) => x - y),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.is((await store.readStream('h-9')).currentVersion, 8);
});

test.run();

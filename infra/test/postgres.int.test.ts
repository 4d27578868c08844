import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { freshDatabase } from '@alpes/infra/testing';

const test = suite('embedded PostgreSQL');
let db: Awaited<ReturnType<typeof freshDatabase>>;

test.before(async () => {
  db = await freshDatabase('infra_pg');
});
test.after(async () => {
  await db.drop();
});

test('creates a table and round-trips a row', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(
      'create table influencers (id text primary key, nombre text not null, categorias jsonb not null)',
    );
    await client.query('insert into influencers values ($1, $2, $3)', [
      'inf-1',
      'Ana García',
      JSON.stringify(['moda', 'música']),
    ]);
    const { rows } = await client.query('select id, nombre, categorias from influencers');
    assert.equal(rows, [{ id: 'inf-1', nombre: 'Ana García', categorias: ['moda', 'música'] }]);
  } finally {
    await client.end();
  }
});

test('a database of its own per test file', async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string; version: string }>(
      'select current_database() as db, version() as version',
    );
    assert.match(rows[0]?.db ?? '', /^t_infra_pg_/);
    assert.match(rows[0]?.version ?? '', /^PostgreSQL \d+/);
  } finally {
    await client.end();
  }
});

test("the test run connects over the server's Unix-domain socket (no TCP client address), and TCP still works", async () => {
  const viaSocket = new pg.Client({ connectionString: db.url });
  await viaSocket.connect();
  try {
    assert.ok(
      decodeURIComponent(new URL(db.url).hostname).startsWith('/'),
      `DATABASE_URL names a socket directory: ${db.url}`,
    );
    const { rows } = await viaSocket.query<{ addr: string | null }>('select inet_client_addr()::text as addr');
    assert.is(rows[0]?.addr, null, 'a Unix-domain connection has no client address');
  } finally {
    await viaSocket.end();
  }
  const port = new URL(db.url).port;
  const overTcp = new pg.Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}${new URL(db.url).pathname}`,
  });
  await overTcp.connect();
  try {
    const { rows } = await overTcp.query<{ addr: string | null }>('select inet_client_addr()::text as addr');
    assert.is(rows[0]?.addr, '127.0.0.1/32');
  } finally {
    await overTcp.end();
  }
});

test.run();

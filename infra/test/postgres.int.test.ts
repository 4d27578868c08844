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
    await client.query('create table influencers (id text primary key, nombre text not null, categorias jsonb not null)');
    await client.query('insert into influencers values ($1, $2, $3)', ['inf-1', 'Ana García', JSON.stringify(['moda', 'música'])]);
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
    const { rows } = await client.query<{ db: string; version: string }>('select current_database() as db, version() as version');
    assert.match(rows[0]?.db ?? '', /^t_infra_pg_/);
    assert.match(rows[0]?.version ?? '', /^PostgreSQL \d+/);
  } finally {
    await client.end();
  }
});

test.run();

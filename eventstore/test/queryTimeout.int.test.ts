// A query over a link that silently lost its bytes (a Toxiproxy blackhole: nothing is closed, no error comes)
// must fail after the pool's client-side query timeout, and the pool must not hand the wedged connection out again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { freshDatabase } from '@alpes/infra/testing';
import { proxiedDatabaseUrl, startToxiproxy, type Toxiproxy } from '@alpes/infra';
import { createPool, type DatabasePool } from '@alpes/eventstore/postgres';

const test = suite('PostgreSQL pool: client-side query timeout');
let toxiproxy: Toxiproxy;
let pool: DatabasePool;
let drop: () => Promise<void>;

test.before(async () => {
  const db = await freshDatabase('es_query_timeout');
  drop = db.drop;
  toxiproxy = await startToxiproxy(() => undefined);
  const url = await proxiedDatabaseUrl(toxiproxy, 'pool-postgres', db.url);
  pool = await createPool(url, { maximumPoolSize: 1, queryTimeoutMs: 1000 });
});

test.after(async () => {
  await pool.end().catch(() => undefined);
  await toxiproxy.stop();
  await drop();
});

const one = () => pool.oneFirst(sql.type(z.object({ n: z.number() }))`select 1::int4 as n`);

test('a query whose bytes vanish fails after the timeout; the next one gets a fresh connection and succeeds', async () => {
  assert.is(await one(), 1);
  await toxiproxy.addToxic('pool-postgres', {
    name: 'blackhole',
    type: 'timeout',
    stream: 'upstream',
    attributes: { timeout: 0 },
  });
  const started = Date.now();
  const error = await one().then(
    () => undefined,
    (e: Error) => e,
  );
  const waited = Date.now() - started;
  assert.ok(error, 'the query failed rather than waiting forever');
  assert.match(error.message, /timeout/i);
  assert.ok(waited >= 900 && waited < 10_000, `failed after ${waited} ms`);
  await toxiproxy.removeToxic('pool-postgres', 'blackhole');
  // One connection in the pool: had the wedged one gone back, this query would queue behind the lost one.
  assert.is(await one(), 1);
});

test.run();

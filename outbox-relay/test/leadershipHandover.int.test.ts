// Two relays on one schema in one process each alive: the leader loses its lock (its leadership backend is
// terminated, as a short cut to PostgreSQL does) and the standby takes over. The deposed leader stays up, so its
// producers — named after the schema and topic, for broker deduplication — must go with its leadership, or the
// broker refuses the new leader's producers ("already connected") and the outbox stands still (chaos, issue 20).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { waitFor } from '@alpes/infra';
import { startRelay, catalogueSchemaResolver, type Relay } from '@alpes/outbox-relay';
import { rawAvroSchema } from '@alpes/pulsar';
import { SCHEMA, checkExactlyOnceInOrder, fixture, receiveAll, subscribe, writeRows, type Fixture } from './support.ts';

const test = suite('outbox relay: leadership handed over between live relays');
let f: Fixture;
const relays: Relay[] = [];

test.before(async () => {
  f = await fixture('relay_handover');
});
test.after(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  await f.close();
});

/** The backend holding the schema's advisory lock in this test's database (other files' relays run beside it). */
const lockHolder = async () =>
  (await f.pool.maybeOneFirst(sql.type(z.object({ pid: z.number() }))`
  select l.pid from pg_locks as l join pg_database as d on d.oid = l.database
  where l.locktype = 'advisory' and l.granted and d.datname = current_database()`)) ?? undefined;
const leaderOf = () => relays.findIndex((r) => r.leading().includes(SCHEMA));

test('the deposed leader closes its producers: the new leader publishes what is written after the handover', async () => {
  const consumer = await subscribe(f);
  const options = {
    databaseUrl: f.databaseUrl,
    pool: f.pool,
    client: f.client,
    schemas: [SCHEMA],
    log: () => undefined,
    resolveSchema: catalogueSchemaResolver,
    rawSchema: rawAvroSchema,
    pollIntervalMs: 200,
    batchSize: 50,
    standbyRetryMs: 300,
  };
  relays.push(startRelay(options));
  await waitFor({ what: 'a first leader', timeoutMs: 10_000, probe: async () => leaderOf() === 0 });
  relays.push(startRelay(options));
  await writeRows(f, 60, { keys: 3, perTx: 20, prefix: 'first' });
  assert.equal(checkExactlyOnceInOrder(await receiveAll(consumer, 60), 60, 3), [], 'published by the first leader');

  // The lock holder's backend goes; either relay may take the lock next: again until the second one leads.
  for (let attempt = 1; leaderOf() !== 1; attempt++) {
    assert.ok(attempt <= 10, 'the second relay never took the lead');
    const holder = await lockHolder();
    await f.pool.query(sql.unsafe`select pg_terminate_backend(${holder ?? 0})`);
    await waitFor({
      what: 'a new lock holder',
      timeoutMs: 15_000,
      probe: async () => ![undefined, holder].includes(await lockHolder()) && leaderOf() !== -1,
    });
  }
  assert.equal(relays[0]?.leading(), [], 'the first relay stands by, alive');
  await writeRows(f, 60, { keys: 3, perTx: 20, prefix: 'second' });
  const after = await receiveAll(consumer, 60, 10_000);
  assert.equal(
    checkExactlyOnceInOrder(
      after.filter((m) => m.key.startsWith('second')),
      60,
      3,
    ),
    [],
    `published after the handover (leader: relay ${leaderOf()})`,
  );
  await consumer.close();
});

test.run();

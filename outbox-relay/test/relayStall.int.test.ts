// A relay whose database connection silently stops answering (a Toxiproxy blackhole swallows the bytes, nothing
// is closed): the claim waits forever on a connection that looks alive. The step timeout must notice, /health and
// the metrics must tell it, and nothing is lost: a fresh relay publishes what was written meanwhile.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPool, type DatabasePool } from '@alpes/eventstore/postgres';
import { proxiedDatabaseUrl, startToxiproxy, waitFor, type Toxiproxy } from '@alpes/infra';
import { startRelay, buildApp, catalogueSchemaResolver, type Relay } from '@alpes/outbox-relay';
import { rawAvroSchema } from '@alpes/pulsar';
import { SCHEMA, checkExactlyOnceInOrder, fixture, receiveAll, subscribe, writeRows, type Fixture } from './support.ts';

const test = suite('outbox relay: a stalled step');
let f: Fixture;
let toxiproxy: Toxiproxy;
let proxiedPool: DatabasePool;

test.before(async () => {
  try {
    await setUp();
  } catch (error) {
    console.error('set-up failed:', error);
    throw error;
  }
});

async function setUp() {
  f = await fixture('relay_stall');
  toxiproxy = await startToxiproxy(() => undefined);
  const url = await proxiedDatabaseUrl(toxiproxy, 'relay-postgres', f.databaseUrl);
  proxiedPool = await createPool(url);
}

test.after(async () => {
  await proxiedPool?.end().catch(() => undefined);
  await toxiproxy.stop();
  await f.close();
});

test('a claim that never answers: onStalled within the step timeout, /health 503 naming it, the step age grows; a new relay publishes everything', async () => {
  const consumer = await subscribe(f);
  const stalls: string[] = [];
  const options = {
    databaseUrl: f.databaseUrl,
    client: f.client,
    schemas: [SCHEMA],
    log: () => undefined,
    resolveSchema: catalogueSchemaResolver,
    rawSchema: rawAvroSchema,
    pollIntervalMs: 200,
    batchSize: 50,
  };
  // The pool goes through the proxy; the leadership connection does not (its own checks are #19's).
  const stalled: Relay = startRelay({
    ...options,
    pool: proxiedPool,
    stepTimeoutMs: 1500,
    onStalled: (reason) => stalls.push(reason),
  });
  await writeRows(f, 100, { keys: 5, perTx: 20, prefix: 'before' });
  const before = await receiveAll(consumer, 100, 5000);
  assert.is(before.length, 100, 'published while the link was healthy');

  await toxiproxy.addToxic('relay-postgres', {
    name: 'blackhole',
    type: 'timeout',
    stream: 'upstream',
    attributes: { timeout: 0 },
  });
  await writeRows(f, 100, { keys: 5, perTx: 20, prefix: 'during' });
  await waitFor({ what: 'the stall to be reported', timeoutMs: 10_000, probe: async () => stalls.length > 0 });
  assert.match(stalls[0] ?? '', new RegExp(`^${SCHEMA}: a relay step did not finish within 1500 ms`));

  const app = buildApp({ relay: stalled, schemas: [SCHEMA], broker: () => f.client.checkHealth() });
  const health = await app.inject({ url: '/health' });
  assert.is(health.statusCode, 503);
  assert.is(health.json().checks.progress.status, 'down');
  assert.match(health.json().checks.progress.error, /did not finish within 1500 ms/);
  const metrics = (await app.inject({ url: '/metrics' })).body;
  const age = Number(
    new RegExp(`outbox_relay_last_step_age_seconds\\{schema="${SCHEMA}"\\} ([\\d.]+)`).exec(metrics)?.[1],
  );
  assert.ok(age >= 1.5, `the step age shows the stall: ${age}`);
  assert.match(metrics, new RegExp(`outbox_relay_errors_total\\{schema="${SCHEMA}",kind="stalled"\\} 1`));
  await app.close();

  // What a supervisor does: the stalled process goes (its leadership with it) and a fresh one takes over.
  await toxiproxy.removeToxic('relay-postgres', 'blackhole');
  await Promise.race([stalled.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  const fresh = startRelay({ ...options, pool: f.pool });
  try {
    const during = await receiveAll(consumer, 100, 10_000);
    assert.equal(
      checkExactlyOnceInOrder(
        during.filter((m) => m.key.startsWith('during')),
        100,
        5,
      ),
      [],
      'every row written during the stall is published once, in order',
    );
  } finally {
    await fresh.stop();
    await consumer.close();
  }
});

test.run();

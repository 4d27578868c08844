import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from '@alpes/infra';
import {
  checkExactlyOnceInOrder,
  fixture,
  leaderOf,
  publishedCount,
  receiveAll,
  startRelayProcess,
  subscribe,
  writeRows,
  type Fixture,
  type RelayProcess,
} from './support.ts';

const test = suite('outbox relay under crashes');
let f: Fixture;
const children: RelayProcess[] = [];

test.before(async () => {
  f = await fixture('relay_crash');
});

test.after(async () => {
  for (const relay of children) relay.child.kill('SIGKILL');
  await f.close();
});

const start = async () => {
  const relay = await startRelayProcess(f, { RELAY_BATCH_SIZE: '250' });
  children.push(relay);
  return relay;
};

const killed = (relay: RelayProcess) =>
  new Promise<void>((resolve) => {
    if (relay.child.exitCode !== null || relay.child.signalCode !== null) return resolve();
    relay.child.once('exit', () => resolve());
    relay.child.kill('SIGKILL');
  });

test('kill -9 while publishing 10 000 rows, restart: every row exactly once, in order per key', async () => {
  const consumer = await subscribe(f);
  await writeRows(f, 10_000, { keys: 20, perTx: 500 });
  const first = await start();
  await waitFor({
    what: 'part of the rows published',
    timeoutMs: 30_000,
    intervalMs: 20,
    probe: async () => (await publishedCount(f.pool)) >= 2000,
  });
  await killed(first);
  const midway = await publishedCount(f.pool);
  assert.ok(midway < 10_000, `killed mid-way (published ${midway} of 10 000)`);
  await start();
  const received = await receiveAll(consumer, 10_000, 15_000);
  assert.equal(checkExactlyOnceInOrder(received, 10_000, 20), []);
  await waitFor({
    what: 'all rows marked published',
    timeoutMs: 10_000,
    probe: async () => (await publishedCount(f.pool)) === 10_000,
  });
  await consumer.close();
});

test('two relays on one schema: the standby takes over within seconds when the leader dies', async () => {
  for (const relay of children.splice(0)) await killed(relay);
  const consumer = await subscribe(f);
  await receiveAll(consumer, 0, 500); // the subscription now starts after the rows of the previous test
  const a = await start();
  const b = await start();
  await waitFor({ what: 'a leader', timeoutMs: 10_000, probe: async () => (await leaderOf([a, b])) !== undefined });
  const leader = (await leaderOf([a, b])) as RelayProcess;
  const standby = leader === a ? b : a;
  await writeRows(f, 2000, { keys: 5, prefix: 'before' });
  await killed(leader);
  const killedAt = Date.now();
  await writeRows(f, 2000, { keys: 5, prefix: 'after' });
  await waitFor({
    what: 'the standby leading',
    timeoutMs: 10_000,
    intervalMs: 100,
    probe: async () => (await leaderOf([standby])) === standby,
  });
  const takeover = Date.now() - killedAt;
  assert.ok(takeover < 5000, `took over in ${takeover} ms`);
  const received = await receiveAll(consumer, 4000, 10_000);
  assert.equal(checkExactlyOnceInOrder(received, 4000, 10), []);
  await consumer.close();
});

test.run();

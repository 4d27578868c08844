import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesSchema } from '../src/index.ts';
import type { Message } from '../src/index.ts';
import { maybeReceive, newClient, receiveN, uniqueTopic, withTimeout } from './support.ts';

const test = suite('subscription types');
const client = newClient();
const schema = bytesSchema();

test('Key_Shared with two consumers: each key goes to one consumer, in order', async () => {
  const topic = uniqueTopic('keyshared');
  const seen = new Map<string, { consumer: string; seq: number[] }>();
  let total = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const handler =
    (name: string) =>
    async (m: Message<Uint8Array>): Promise<void> => {
      const key = m.key as string;
      const entry = seen.get(key) ?? { consumer: name, seq: [] };
      assert.is(entry.consumer, name, `key ${key} delivered to two consumers`);
      entry.seq.push(Number(Buffer.from(m.value).toString()));
      seen.set(key, entry);
      await new Promise((r) => setTimeout(r, Math.random() * 2));
      if (++total === 200) done();
    };
  const opts = {
    topic,
    subscription: 'ks',
    type: 'Key_Shared' as const,
    initialPosition: 'Earliest' as const,
    schema,
    receiverQueueSize: 20,
  };
  const onHandlerError = (e: unknown): void => console.error('handler error', e);
  const c1 = await client.subscribe({ ...opts, consumerName: 'c1', handler: handler('c1'), onHandlerError });
  const c2 = await client.subscribe({ ...opts, consumerName: 'c2', handler: handler('c2'), onHandlerError });
  const producer = await client.createProducer({ topic, schema, batching: { maxDelayMs: 2 } });
  const sends = [];
  for (let i = 0; i < 200; i++) sends.push(producer.send({ value: Buffer.from(String(i)), key: `agg-${i % 10}` }));
  await Promise.all(sends);
  await withTimeout(all, 15_000, '200 messages');
  assert.is(seen.size, 10);
  const consumers = new Set([...seen.values()].map((e) => e.consumer));
  assert.is(consumers.size, 2, 'both consumers got keys');
  for (const [key, e] of seen)
    assert.equal(
      e.seq,
      [...e.seq].sort((a, b) => a - b),
      `order of ${key}`,
    );
  await Promise.all([producer.close(), c1.close(), c2.close()]);
});

test('Failover: the standby takes over the unacked messages when the active consumer closes', async () => {
  const topic = uniqueTopic('failover');
  const opts = { topic, subscription: 'fo', type: 'Failover' as const, initialPosition: 'Earliest' as const, schema };
  const a = await client.subscribe({ ...opts, consumerName: 'a' });
  const b = await client.subscribe({ ...opts, consumerName: 'b' });
  // Unbatched: without broker batch-index acks, a partly acked batch is redelivered whole.
  const producer = await client.createProducer({ topic, schema, batching: false });
  await Promise.all(Array.from({ length: 10 }, (_, i) => producer.send({ value: Buffer.from(String(i)) })));
  for (let i = 0; i < 50 && !a.isActive && !b.isActive; i++) await new Promise((r) => setTimeout(r, 20));
  const [active, standby] = a.isActive ? [a, b] : [b, a];
  assert.ok(active.isActive && !standby.isActive, 'exactly one active consumer');
  const first = { m: await active.receive(5000), active, standby };
  assert.is(await maybeReceive(standby, 300), undefined, 'standby got nothing while the active one lives');
  first.m.ack();
  const more = await receiveN(first.active, 4);
  assert.equal(
    more.map((m) => Buffer.from(m.value).toString()),
    ['1', '2', '3', '4'],
  );
  await first.active.close();
  const rest = await receiveN(first.standby, 5);
  assert.equal(
    rest.map((m) => Buffer.from(m.value).toString()),
    ['5', '6', '7', '8', '9'],
  );
  await Promise.all([producer.close(), first.standby.close()]);
});

test.after(() => client.close());
test.run();

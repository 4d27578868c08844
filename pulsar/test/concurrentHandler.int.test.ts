import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avroSchema } from '../src/index.ts';
import { newClient, uniqueTopic, withTimeout } from './support.ts';

const test = suite('concurrent handlers');
const client = newClient();
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const PER_KEY = 15;

async function produceKeyed(topic: string): Promise<void> {
  const producer = await client.createProducer({ topic, schema });
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < PER_KEY; n++) for (const key of KEYS) sends.push(producer.send({ key, value: { n } }));
  sends.push(...Array.from({ length: 10 }, (_, n) => producer.send({ value: { n: 1000 + n } }))); // keyless
  await Promise.all(sends);
  await producer.close();
}

/** Runs a consumer over the keyed messages with a slow handler and reports what it saw. */
async function observe(topic: string, options: { concurrency: number; orderByKey?: boolean; failFirstOf?: string }) {
  const seen = new Map<string, number[]>();
  const running = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let maxSameKey = 0;
  let handled = 0;
  let failed = false;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const total = KEYS.length * PER_KEY + 10;
  const consumer = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Key_Shared',
    initialPosition: 'Earliest',
    schema,
    nackRedeliveryDelayMs: 50,
    concurrency: options.concurrency,
    orderByKey: options.orderByKey,
    handler: async (m) => {
      const key = m.key ?? '';
      inFlight += 1;
      running.set(key, (running.get(key) ?? 0) + 1);
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (key !== '') maxSameKey = Math.max(maxSameKey, running.get(key) ?? 0);
      try {
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 6));
        if (key === options.failFirstOf && !failed) {
          failed = true;
          throw new Error('first attempt fails');
        }
        seen.set(key, [...(seen.get(key) ?? []), m.value.n]);
        handled += 1;
        if (handled === total) done();
      } finally {
        inFlight -= 1;
        running.set(key, (running.get(key) ?? 1) - 1);
      }
    },
  });
  await withTimeout(finished, 20_000, `${total} messages handled`);
  await consumer.close();
  return { seen, maxInFlight, maxSameKey };
}

test('orderByKey (the default): several keys at once, one message per key at a time, each key in order', async () => {
  const topic = uniqueTopic('by-key');
  await produceKeyed(topic);
  const { seen, maxInFlight, maxSameKey } = await observe(topic, { concurrency: 4 });
  for (const key of KEYS)
    assert.equal(
      seen.get(key),
      Array.from({ length: PER_KEY }, (_, n) => n),
      `order of key ${key}`,
    );
  assert.equal(
    [...(seen.get('') ?? [])].sort((a, b) => a - b),
    Array.from({ length: 10 }, (_, n) => 1000 + n),
    'keyless messages',
  );
  assert.ok(maxInFlight > 1 && maxInFlight <= 4, `handlers in flight: ${maxInFlight} (1 < n ≤ 4)`);
  assert.is(maxSameKey, 1, 'never two messages of one key at once');
});

test('orderByKey: a failing message is retried and the consumer goes on with every key', async () => {
  const topic = uniqueTopic('by-key-fail');
  await produceKeyed(topic);
  const { seen, maxSameKey } = await observe(topic, { concurrency: 3, failFirstOf: 'c' });
  for (const key of KEYS)
    assert.equal(
      [...(seen.get(key) ?? [])].sort((a, b) => a - b),
      Array.from({ length: PER_KEY }, (_, n) => n),
      `every message of ${key}`,
    );
  assert.is(maxSameKey, 1);
});

test('orderByKey false: messages of one key may run at once', async () => {
  const topic = uniqueTopic('free');
  await produceKeyed(topic);
  const { seen, maxInFlight, maxSameKey } = await observe(topic, { concurrency: 6, orderByKey: false });
  for (const key of KEYS) assert.is(seen.get(key)?.length, PER_KEY);
  assert.ok(maxInFlight > 1 && maxInFlight <= 6, `in flight ${maxInFlight}`);
  assert.ok(maxSameKey > 1, `same key at once: ${maxSameKey}`);
});

test.after(async () => {
  await client.close();
});

test.run();

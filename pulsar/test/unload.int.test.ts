import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshNamespace } from '@alpes/infra/testing';
import { avroSchema } from '../src/index.ts';
import { newClient, receiveN, testAdmin } from './support.ts';

const test = suite('reconnect on topic unload');
const client = newClient();
const admin = testAdmin();
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });

/** Every value stored on the topic, read from the start. */
async function storedValues(topic: string): Promise<number[]> {
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema });
  const out: number[] = [];
  while (await reader.hasMessageAvailable()) out.push((await reader.readNext(5000)).value.n);
  await reader.close();
  return out;
}

test('producer and consumer are re-created transparently; pending sends are resent in order, deduplicated', async () => {
  const ns = await freshNamespace('pulsar-unload');
  await admin.setDeduplication(ns, true);
  const topic = `persistent://${ns}/unload`;
  const consumer = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Exclusive',
    initialPosition: 'Earliest',
    schema,
  });
  const producer = await client.createProducer({
    topic,
    schema,
    producerName: 'relay-unload',
    batching: { maxDelayMs: 1, maxMessages: 10 },
  });
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < 300; n++) {
    sends.push(producer.send({ value: { n }, sequenceId: n }));
    if (n === 100 || n === 200) await admin.unloadTopic(topic);
    if (n % 20 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(sends);
  assert.is(producer.lastSequenceId, 299);
  const got = await receiveN(consumer, 300, { ms: 15_000 });
  assert.equal(
    got.map((m) => m.value.n),
    Array.from({ length: 300 }, (_, n) => n),
  );
  assert.equal(
    await storedValues(topic),
    Array.from({ length: 300 }, (_, n) => n),
    'stored once each, in order',
  );
  await producer.close();
  await consumer.close();
});

test("a producer re-created under the same name resumes from the broker's last sequence id", async () => {
  const ns = await freshNamespace('pulsar-dedup');
  await admin.setDeduplication(ns, true);
  const topic = `persistent://${ns}/dedup`;
  const first = await client.createProducer({ topic, schema, producerName: 'relay-a' });
  await Promise.all([0, 1, 2].map((n) => first.send({ value: { n }, sequenceId: 10 + n })));
  await first.close();
  const second = await client.createProducer({ topic, schema, producerName: 'relay-a' });
  assert.is(second.lastSequenceId, 12);
  const dup = await second.send({ value: { n: 1 }, sequenceId: 11 });
  assert.is(dup.entryId, -1, 'a duplicate is acknowledged without being stored');
  await second.close();
  assert.equal(await storedValues(topic), [0, 1, 2]);
});

test('a reader from "latest" that reconnects before reading resumes where it started, not at the new latest', async () => {
  const ns = await freshNamespace('pulsar-latest');
  const topic = `persistent://${ns}/latest`;
  const producer = await client.createProducer({ topic, schema });
  await producer.send({ value: { n: 0 } });
  const reader = await client.createReader({ topic, startMessageId: 'latest', schema });
  await producer.send({ value: { n: 1 } });
  // n = 1 reaches the reader's queue, untaken; the unload drops the queue and the reader subscribes again.
  await new Promise((r) => setTimeout(r, 300));
  await admin.unloadTopic(topic);
  await producer.send({ value: { n: 2 } });
  const got = [(await reader.readNext(10_000)).value.n, (await reader.readNext(10_000)).value.n];
  assert.equal(got, [1, 2], 'nothing published after the reader started is skipped');
  await reader.close();
  await producer.close();
});

test.after(() => client.close());
test.run();

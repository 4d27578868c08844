import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPulsarAdmin } from '@alpes/infra';
import { startPulsarInstance, uniqueSuffix } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient } from '../src/index.ts';
import type { Message } from '../src/index.ts';

// Issue "must show": kill -9 of the broker JVM while producing and consuming loses nothing, and with
// deduplication on, stores nothing twice. The broker is this test's own (never the shared one).
const test = suite('broker restart (kill -9)');
const N = 2000;
const KEYS = 8;
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });
const log = (line: string) => console.log(`[brokerRestart] ${line}`);

const broker = await startPulsarInstance(log);
const admin = createPulsarAdmin(broker.adminUrl);
const client = createPulsarClient({
  serviceUrl: broker.serviceUrl,
  operationTimeoutMs: 30_000,
  backoff: { initialMs: 100, maxMs: 2000 },
});

/** Receives until `done(seen)` or `ms` without a message; every delivery is kept (redeliveries included). */
async function consumeAll(
  receive: (ms: number) => Promise<Message<{ n: number }>>,
  done: () => boolean,
): Promise<Message<{ n: number }>[]> {
  const got: Message<{ n: number }>[] = [];
  while (!done()) {
    const m = await receive(90_000);
    m.ack();
    got.push(m);
  }
  return got;
}

test('nothing lost, nothing stored twice, consumed in order per key', async () => {
  const ns = `public/restart-${uniqueSuffix()}`;
  await admin.createNamespace(ns);
  await admin.setDeduplication(ns, true);
  await admin.setRetention(ns, 60, 100); // keep acked ledgers, so the reader below sees the whole topic
  const topic = `persistent://${ns}/stream`;
  const consumer = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Exclusive',
    initialPosition: 'Earliest',
    schema,
    receiverQueueSize: 200,
  });
  const producer = await client.createProducer({
    topic,
    schema,
    producerName: 'restart-relay',
    sendTimeoutMs: 0,
    batching: { maxDelayMs: 1, maxMessages: 50 },
  });

  const distinct = new Set<number>();
  const consuming = consumeAll(
    async (ms) => {
      const m = await consumer.receive(ms);
      distinct.add(m.sequenceId);
      return m;
    },
    () => distinct.size >= N,
  );

  const sends: Promise<unknown>[] = [];
  let restarted: Promise<void> = Promise.resolve();
  for (let n = 0; n < N; n++) {
    sends.push(producer.send({ value: { n }, key: `k${n % KEYS}`, sequenceId: n }));
    if (n === N / 2) {
      log(`kill -9 of the broker after ${n} sends (${distinct.size} consumed so far)`);
      await broker.kill();
      restarted = broker.start();
    }
    if (n % 5 === 0) await new Promise((r) => setTimeout(r, 10));
  }
  await restarted;
  log('broker restarted; waiting for every receipt');
  await Promise.all(sends);
  assert.is(producer.lastSequenceId, N - 1, 'the broker confirmed every sequence id');
  const got = await consuming;
  log(`consumer got ${got.length} deliveries for ${N} messages (${got.length - N} redelivered after the crash)`);

  // The consumer sees every sequence id; a redelivery (at-least-once after a crash: the last acks may not have
  // been persisted) only replays ids it already had, so skipping ids ≤ the highest seen yields 0..N-1 exactly once.
  let highest = -1;
  const perKey = new Map<string, number[]>();
  for (const m of got) {
    assert.is(m.value.n, m.sequenceId, 'the value travels with its sequence id');
    if (m.sequenceId <= highest) continue;
    assert.is(m.sequenceId, highest + 1, `no gap after sequence id ${highest}`);
    highest = m.sequenceId;
    perKey.set(m.key as string, [...(perKey.get(m.key as string) ?? []), m.sequenceId]);
  }
  assert.is(highest, N - 1);
  for (const [key, ids] of perKey)
    assert.equal(
      ids,
      [...ids].sort((a, b) => a - b),
      `in order for ${key}`,
    );

  // Deduplication: the topic itself holds every id exactly once, in order (resends of persisted messages were dropped).
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema });
  const stored: number[] = [];
  while (await reader.hasMessageAvailable()) stored.push((await reader.readNext(10_000)).value.n);
  await reader.close();
  const misplaced = stored.findIndex((n, i) => n !== i);
  assert.is(
    misplaced,
    -1,
    `stored in order, once each (first misplaced at position ${misplaced}: ${stored.slice(misplaced, misplaced + 5).join(',')})`,
  );
  assert.is(stored.length, N, 'stored exactly N messages');
  await producer.close();
  await consumer.close();
});

test.after(async () => {
  await client.close();
  await broker.stop();
});
test.run();

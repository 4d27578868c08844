import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avroSchema, DEAD_LETTER_ORIGINAL_TOPIC, DEAD_LETTER_REASON, DEAD_LETTER_REDELIVERIES } from '../src/index.ts';
import type { Message } from '../src/index.ts';
import { maybeReceive, newClient, receiveN, testAdmin, uniqueTopic, withTimeout } from './support.ts';

const test = suite('at-least-once delivery');
const client = newClient();
const admin = testAdmin();
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });

async function produce(topic: string, count: number): Promise<void> {
  const producer = await client.createProducer({ topic, schema });
  await Promise.all(Array.from({ length: count }, (_, n) => producer.send({ value: { n } })));
  await producer.close();
}

test('a consumer that dies before acking: its messages are delivered again', async () => {
  const topic = uniqueTopic('alo');
  const dying = newClient();
  const first = await dying.subscribe({
    topic,
    subscription: 'work',
    type: 'Shared',
    initialPosition: 'Earliest',
    schema,
  });
  await produce(topic, 5);
  const unacked = await receiveN(first, 5, { ack: false });
  assert.equal(
    unacked.map((m) => m.value.n),
    [0, 1, 2, 3, 4],
  );
  await dying.close();
  const second = await client.subscribe({ topic, subscription: 'work', type: 'Shared', schema });
  const again = await receiveN(second, 5);
  assert.equal(again.map((m) => m.value.n).sort(), [0, 1, 2, 3, 4]);
  await second.close();
});

test('nack: the message comes back after the nack delay with a higher redelivery count', async () => {
  const topic = uniqueTopic('nack');
  const c = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Shared',
    initialPosition: 'Earliest',
    schema,
    nackRedeliveryDelayMs: 100,
  });
  await produce(topic, 1);
  const m = await c.receive(5000);
  const nackedAt = Date.now();
  m.nack();
  const back = await c.receive(5000);
  assert.ok(Date.now() - nackedAt >= 90, 'not before the nack delay');
  assert.is(back.value.n, 0);
  assert.is(back.redeliveryCount, 1);
  back.ack();
  assert.is(await maybeReceive(c, 300), undefined);
  await c.close();
});

test('the dead-letter reason is cut to 1 KiB (UTF-8, on a character boundary)', async () => {
  const topic = uniqueTopic('dlq-reason');
  const dlq = await client.subscribe({
    topic: `${topic}-work-DLQ`,
    subscription: 'inspect',
    initialPosition: 'Earliest',
    schema,
  });
  const c = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Shared',
    initialPosition: 'Earliest',
    schema,
    nackRedeliveryDelayMs: 50,
    deadLetter: { maxRedeliverCount: 0 },
    handler: async () => {
      throw new Error('ñ'.repeat(2000));
    },
  });
  await produce(topic, 1);
  const reason = (await dlq.receive(10_000)).properties[DEAD_LETTER_REASON] ?? '';
  assert.ok(
    Buffer.byteLength(reason) <= 1024 && Buffer.byteLength(reason) >= 1020,
    `${Buffer.byteLength(reason)} bytes`,
  );
  assert.match(reason, /^handler failed after 0 redeliveries: Error: ñ+$/);
  await c.close();
  await dlq.close();
});

test('handler: acked after it resolves; a throwing handler is retried, then dead-lettered after N redeliveries', async () => {
  const topic = uniqueTopic('dlq');
  const dlqTopic = `${topic}-work-DLQ`;
  const dlq = await client.subscribe({ topic: dlqTopic, subscription: 'inspect', initialPosition: 'Earliest', schema });
  const attempts = new Map<number, number[]>();
  const c = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Shared',
    initialPosition: 'Earliest',
    schema,
    nackRedeliveryDelayMs: 50,
    deadLetter: { maxRedeliverCount: 2 },
    handler: async (m: Message<{ n: number }>) => {
      attempts.set(m.value.n, [...(attempts.get(m.value.n) ?? []), m.redeliveryCount]);
      if (m.value.n === 3) throw new Error('poison');
    },
  });
  await produce(topic, 5);
  const dead = await dlq.receive(10_000);
  assert.is(dead.value.n, 3);
  assert.is(dead.properties['REAL_TOPIC'], topic);
  assert.ok(dead.properties['ORIGIN_MESSAGE_ID']);
  assert.is(
    dead.properties[DEAD_LETTER_REASON],
    'handler failed after 2 redeliveries: Error: poison',
    'the last error, for operators',
  );
  assert.is(dead.properties[DEAD_LETTER_ORIGINAL_TOPIC], topic, 'where a replay puts it back');
  assert.is(dead.properties[DEAD_LETTER_REDELIVERIES], '2');
  assert.equal(attempts.get(3), [0, 1, 2]);
  for (const n of [0, 1, 2, 4]) assert.equal(attempts.get(n), [0], `message ${n} handled once`);
  dead.ack();
  await withTimeout(
    (async () => {
      for (;;) {
        const stats = await admin.topicStats(topic);
        const sub = stats.subscriptions['work'];
        if (sub && sub.msgBacklog === 0 && sub.unackedMessages === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    })(),
    5000,
    'backlog 0 on the work subscription',
  );
  await Promise.all([c.close(), dlq.close()]);
});

test.after(() => client.close());
test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avroSchema } from '../src/index.ts';
import type { MessageId } from '../src/index.ts';
import { newClient, receiveN, testAdmin, uniqueTopic } from './support.ts';

const test = suite('reader');
const client = newClient();
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });

async function produce(topic: string, from: number, count: number, batching = true): Promise<MessageId[]> {
  const producer = await client.createProducer({ topic, schema, batching: batching ? { maxMessages: 4 } : false });
  const ids = await Promise.all(Array.from({ length: count }, (_, i) => producer.send({ value: { n: from + i } })));
  await producer.close();
  return ids;
}

test('from earliest, from a message id (exclusive and inclusive, inside a batch) and from latest', async () => {
  const topic = uniqueTopic('reader');
  await testAdmin().createSubscription(topic, 'keep');
  const ids = await produce(topic, 0, 10);

  const fromStart = await client.createReader({ topic, startMessageId: 'earliest', schema });
  assert.equal(
    (await receiveN(fromStart, 10)).map((m) => m.value.n),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.is(await fromStart.hasMessageAvailable(), false);

  const after = await client.createReader({ topic, startMessageId: ids[5] as MessageId, schema });
  assert.equal(
    (await receiveN(after, 4)).map((m) => m.value.n),
    [6, 7, 8, 9],
  );
  const inclusive = await client.createReader({
    topic,
    startMessageId: ids[5] as MessageId,
    startMessageIdInclusive: true,
    schema,
  });
  assert.equal(
    (await receiveN(inclusive, 5)).map((m) => m.value.n),
    [5, 6, 7, 8, 9],
  );

  const latest = await client.createReader({ topic, startMessageId: 'latest', schema });
  assert.is(await latest.hasMessageAvailable(), false);
  await produce(topic, 10, 2, false);
  assert.is(await latest.hasMessageAvailable(), true);
  assert.equal(
    (await receiveN(latest, 2)).map((m) => m.value.n),
    [10, 11],
  );
  assert.is(await fromStart.hasMessageAvailable(), true);
  await Promise.all([fromStart.close(), after.close(), inclusive.close(), latest.close()]);
  // The broker drops a reader's non-durable subscription once its consumer is gone, a moment after the close.
  let subs: string[] = [];
  for (
    const deadline = Date.now() + 5000;
    Date.now() < deadline;
    await new Promise((resolve) => setTimeout(resolve, 100))
  ) {
    subs = Object.keys((await testAdmin().topicStats(topic)).subscriptions);
    if (subs.length === 1) break;
  }
  assert.equal(subs, ['keep'], 'readers leave no durable subscription');
});

test.after(() => client.close());
test.run();

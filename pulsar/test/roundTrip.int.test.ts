import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avroSchema, bytesSchema, isPulsarError } from '../src/index.ts';
import { newClient, plain, receiveN, testAdmin, uniqueTopic } from './support.ts';

const test = suite('producer → consumer round trip');
const client = newClient();
const admin = testAdmin();

const definition = {
  type: 'record',
  name: 'InfluencerRegistrado',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'nombre', type: ['null', 'string'], default: null },
    { name: 'seguidores', type: 'long' },
    { name: 'monto', type: 'double' },
    { name: 'activo', type: 'boolean' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
};
interface Influencer {
  id: string;
  nombre: string | null;
  seguidores: number;
  monto: number;
  activo: boolean;
  tags: string[];
}
const schema = avroSchema<Influencer>(definition);

const records: Influencer[] = Array.from({ length: 20 }, (_, i) => ({
  id: `inf-${i}`,
  nombre: i % 3 === 0 ? null : `Nombre ${i} ñ`,
  seguidores: 2 ** 40 + i,
  monto: i * 1.25,
  activo: i % 2 === 0,
  tags: [`t${i}`, 'x'],
}));

for (const batching of [true, false]) {
  test(`Avro records arrive field by field equal, with metadata (batching ${batching})`, async () => {
    const topic = uniqueTopic('rt');
    const consumer = await client.subscribe({
      topic,
      subscription: 'sub',
      type: 'Shared',
      initialPosition: 'Earliest',
      schema,
    });
    const producer = await client.createProducer({
      topic,
      schema,
      producerName: `p-${batching}`,
      batching: batching ? { maxDelayMs: 5 } : false,
    });
    const eventTime = Date.UTC(2024, 0, 2);
    const ids = await Promise.all(
      records.map((value, i) =>
        producer.send({ value, key: value.id, properties: { trace: `t-${i}` }, eventTime, sequenceId: 100 + i }),
      ),
    );
    assert.is(new Set(ids.map((id) => `${id.ledgerId}:${id.entryId}:${id.batchIndex}`)).size, records.length);
    const got = await receiveN(consumer, records.length);
    got.forEach((m, i) => {
      const r = records[i] as Influencer;
      for (const field of Object.keys(r) as (keyof Influencer)[])
        assert.equal(plain(m.value[field]), plain(r[field]), field);
      assert.is(m.key, r.id);
      assert.equal({ ...m.properties }, { trace: `t-${i}` });
      assert.is(m.eventTime, eventTime);
      assert.is(m.producerName, `p-${batching}`);
      assert.is(m.sequenceId, 100 + i);
      assert.is(m.schemaVersion, 0);
      assert.is(m.redeliveryCount, 0);
      assert.ok(m.publishTime > eventTime);
      assert.equal(m.messageId, ids[i]);
    });
    assert.is(producer.lastSequenceId, 100 + records.length - 1);
    await producer.close();
    await consumer.close();
  });
}

test('a batching producer sends a batch of one as a plain message, and several as one batch entry', async () => {
  const topic = uniqueTopic('rt-single');
  const consumer = await client.subscribe({
    topic,
    subscription: 'sub',
    type: 'Exclusive',
    initialPosition: 'Earliest',
    schema: bytesSchema(),
  });
  const producer = await client.createProducer({
    topic,
    schema: bytesSchema(),
    batching: { maxDelayMs: 5, keyBased: true },
  });
  const alone = await producer.send({ value: Buffer.from('alone'), key: 'a' });
  const together = await Promise.all(
    ['b1', 'b2', 'c1'].map((v) => producer.send({ value: Buffer.from(v), key: v.slice(0, 1) })),
  );
  assert.is(alone.batchIndex, -1, 'one message: not batched');
  assert.equal(
    together.map((id) => id.batchIndex),
    [0, 1, -1],
    'two of key b in one entry; c alone (key-based) plain',
  );
  assert.is(together[0]?.entryId, together[1]?.entryId);
  const got = await receiveN(consumer, 4);
  assert.equal(
    got.map((m) => [Buffer.from(m.value).toString(), m.messageId.batchIndex]),
    [
      ['alone', -1],
      ['b1', 0],
      ['b2', 1],
      ['c1', -1],
    ],
  );
  await producer.close();
  await consumer.close();
});

test('the topic schema read through the admin API equals the schema we sent', async () => {
  const topic = uniqueTopic('rt-schema');
  const producer = await client.createProducer({ topic, schema });
  const stored = await admin.getSchema(topic);
  assert.is(stored.type, 'AVRO');
  assert.equal(JSON.parse(stored.data), definition);
  await producer.close();
});

test('partitioned topic: keys are routed by hash and keep their order', async () => {
  const topic = uniqueTopic('rt-part');
  await admin.createTopic(topic, 3);
  const consumer = await client.subscribe({
    topic,
    subscription: 'sub',
    type: 'Exclusive',
    initialPosition: 'Earliest',
    schema: bytesSchema(),
  });
  const producer = await client.createProducer({ topic, schema: bytesSchema() });
  const sends = [];
  for (let i = 0; i < 60; i++) sends.push(producer.send({ value: Buffer.from(String(i)), key: `k${i % 6}` }));
  const ids = await Promise.all(sends);
  const partitionOf = new Map<string, number>();
  ids.forEach((id, i) => {
    const key = `k${i % 6}`;
    assert.is(partitionOf.get(key) ?? id.partition, id.partition, `one partition per key ${key}`);
    partitionOf.set(key, id.partition);
  });
  assert.ok(new Set(partitionOf.values()).size > 1, 'keys spread over partitions');
  const got = await receiveN(consumer, 60);
  const perKey = new Map<string, number[]>();
  for (const m of got) perKey.set(m.key as string, [...(perKey.get(m.key as string) ?? []), Number(m.data.toString())]);
  for (const [, seq] of perKey)
    assert.equal(
      seq,
      [...seq].sort((a, b) => a - b),
    );
  await producer.close();
  await consumer.close();
});

test('a second producer with the same name is refused with ProducerBusy', async () => {
  const topic = uniqueTopic('rt-busy');
  const first = await client.createProducer({ topic, schema, producerName: 'relay-1' });
  try {
    await client.createProducer({ topic, schema, producerName: 'relay-1' });
    assert.unreachable('second producer was accepted');
  } catch (e) {
    assert.ok(isPulsarError(e, 'ProducerBusy'), String(e));
  }
  await first.close();
});

test.after(() => client.close());
test.run();

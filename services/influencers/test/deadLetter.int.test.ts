import { randomUUID } from 'node:crypto';
import { catalogue } from '@alpes/contracts';
import { bytesSchema } from '@alpes/pulsar';
import { sql } from 'slonik';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crearRecord } from './records.ts';
import { eventsOf, eventually, readModel, service, type Service } from './support.ts';

const test = suite('poison messages');
let s: Service;

test.before(async () => {
  s = await service('influencers_dlq');
});
test.after(async () => {
  await s.close();
});

const subscription = (topic: 'eventos-crear-influencer' | 'comandos-influencers-eliminacion') =>
  catalogue[topic].consumers.find((c) => c.service === 'influencers')?.subscription ?? '';

async function dlqHas(topic: string, sub: string, garbage: Buffer): Promise<boolean> {
  const reader = await s.client.createReader({
    topic: `${topic}-${sub}-DLQ`,
    startMessageId: 'earliest',
    schema: bytesSchema(),
  });
  try {
    const message = await reader.readNext(2000).catch(() => undefined);
    return message !== undefined && Buffer.from(message.value).equals(garbage);
  } finally {
    await reader.close();
  }
}

async function sendGarbage(topic: string, garbage: Buffer): Promise<void> {
  const producer = await s.client.createProducer({ topic, schema: bytesSchema(), batching: false });
  await producer.send({ value: garbage, key: 'garbage' });
  await producer.close();
}

test('undecodable bytes are retried, dead-lettered, and the consumer keeps consuming', async () => {
  const garbage = Buffer.from('not avro at all');
  await sendGarbage(s.topics.crear, garbage);
  const id = randomUUID();
  await s.send('eventos-crear-influencer', crearRecord(id));
  await eventually('the valid message after the garbage', async () => (await readModel(s.pool, id)) !== undefined);
  await eventually('the garbage in the dead-letter topic', () =>
    dlqHas(s.topics.crear, subscription('eventos-crear-influencer'), garbage),
  );
  assert.is((await eventsOf(s.pool, id)).length, 1);
});

test('a record without a payload (data null) cannot become a command: dead-lettered, nothing written', async () => {
  const id = randomUUID();
  const empty = { ...crearRecord(id), data: null, message_id: randomUUID() };
  await s.send('eventos-crear-influencer', empty);
  await s.send('comandos-influencers-eliminacion', {
    data: null,
    message_id: randomUUID(),
    message_type: null,
    correlation_id: null,
    causation_id: null,
    occurred_at: null,
    producer_service: null,
  });
  const later = randomUUID();
  await s.send('eventos-crear-influencer', crearRecord(later));
  await eventually('the valid message after it', async () => (await readModel(s.pool, later)) !== undefined);
  const dlq = async (topic: string, sub: string) => {
    const reader = await s.client.createReader({
      topic: `${topic}-${sub}-DLQ`,
      startMessageId: 'earliest',
      schema: bytesSchema(),
    });
    let count = 0;
    while (
      await reader.readNext(1500).then(
        () => true,
        () => false,
      )
    )
      count++;
    await reader.close();
    return count;
  };
  await eventually(
    'the empty create dead-lettered',
    async () => (await dlq(s.topics.crear, subscription('eventos-crear-influencer'))) === 2,
  );
  await eventually(
    'the empty delete dead-lettered',
    async () => (await dlq(s.topics.eliminar, subscription('comandos-influencers-eliminacion'))) === 1,
  );
  const inbox = await s.pool.oneFirst(
    sql.unsafe`select count(*)::int4 from influencers.inbox where message_id = ${empty.message_id}`,
  );
  assert.is(inbox, 0, 'nothing recorded for the invalid message');
});

test.run();

// A consumer whose database goes away for a while (its link through Toxiproxy disabled: connections refused):
// the messages that arrive meanwhile are retried in place and handled once PostgreSQL is back — none is
// redelivered by the broker, none is dead-lettered. A handler that fails for any other reason still goes the
// redelivery and dead-letter way.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { avroSchema, bytesSchema, createPulsarClient, type Consumer } from '@alpes/pulsar';
import { latestVersion, samples, schemaText, type CrearInfluencerPayload, type TopicRecords } from '@alpes/contracts';
import { createPool, type DatabasePool } from '@alpes/eventstore/postgres';
import { proxiedDatabaseUrl, startToxiproxy, waitFor, type Toxiproxy } from '@alpes/infra';
import { freshDatabase, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { startConsumer, isTransientInfrastructureFailure } from '../src/index.ts';

const test = suite('consumer: the database away for a while');
const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
let toxiproxy: Toxiproxy;
let pool: DatabasePool;
let drop: () => Promise<void>;
const schema = avroSchema<TopicRecords['eventos-crear-influencer']>(
  schemaText('eventos-crear-influencer', latestVersion('eventos-crear-influencer')),
);

test.before(async () => {
  const db = await freshDatabase('kit_consumer_outage');
  drop = db.drop;
  toxiproxy = await startToxiproxy(() => undefined);
  const url = await proxiedDatabaseUrl(toxiproxy, 'consumer-postgres', db.url);
  pool = await createPool(url, { maximumPoolSize: 2, connectionTimeout: 1000 });
});

test.after(async () => {
  await client.close();
  await pool.end().catch(() => undefined);
  await toxiproxy.stop();
  await drop();
});

test('a refused connection is transient; a failure of the message is not', async () => {
  const refused = await createPool(`postgres://nobody:nothing@127.0.0.1:1/none`, { connectionTimeout: 1000 })
    .then((p) => p.query(sql.unsafe`select 1`).finally(() => p.end()))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  assert.ok(refused, 'connecting to a closed port fails');
  assert.ok(isTransientInfrastructureFailure(refused), `${(refused as Error).name}: ${(refused as Error).message}`);
  assert.not.ok(isTransientInfrastructureFailure(new Error('a ContratoCreado message on eventos-crear-influencer')));
  assert.not.ok(
    isTransientInfrastructureFailure(
      await pool.query(sql.unsafe`select 1/0`).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ),
  );
});

test('messages that arrive while PostgreSQL is unreachable are handled once it is back: no redelivery, no dead letter', async () => {
  const topic = uniqueTopic('outage');
  const handled: { id: string; redelivery: number }[] = [];
  const consumer = await startConsumer({
    client,
    topic: 'eventos-crear-influencer',
    topicName: topic,
    subscription: 'outage',
    log: () => undefined,
    retryDelayMs: 200,
    maxRedeliveries: 2,
    handle: async (record, message) => {
      await pool.query(sql.unsafe`select 1`);
      handled.push({ id: record.data?.id ?? '', redelivery: message.redeliveryCount });
    },
  });
  const producer = await client.createProducer({ topic, schema });
  const base = samples['eventos-crear-influencer'];
  const send = (id: string) =>
    producer.send({ value: { ...base, data: { ...(base.data as CrearInfluencerPayload), id } }, key: id });
  await send('before');
  await waitFor({ what: 'the first message handled', timeoutMs: 10_000, probe: async () => handled.length === 1 });

  // Disabled: every connection is closed and new ones are refused, for longer than three redeliveries take.
  await toxiproxy.setEnabled('consumer-postgres', false);
  await Promise.all(['during-1', 'during-2'].map(send));
  await new Promise((resolve) => setTimeout(resolve, 5000));
  assert.is(handled.length, 1, 'nothing is handled while the database is away');
  await toxiproxy.setEnabled('consumer-postgres', true);
  await waitFor({
    what: 'the messages sent during the outage handled',
    timeoutMs: 20_000,
    probe: async () => handled.length === 3,
  });
  assert.equal(
    handled.map((h) => h.redelivery),
    [0, 0, 0],
    'retried in place, never redelivered by the broker',
  );
  assert.is(await deadLetters(`${topic}-outage-DLQ`), 0);
  await producer.close();
  await (consumer as Consumer<unknown>).close();
});

async function deadLetters(topic: string): Promise<number> {
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema: bytesSchema() });
  try {
    let n = 0;
    while (
      await reader.readNext(1000).then(
        () => true,
        () => false,
      )
    )
      n += 1;
    return n;
  } finally {
    await reader.close();
  }
}

test.run();

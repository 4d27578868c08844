import { decode, schemaText, type SchemaVersion, type TopicName } from '@alpes/contracts';
import { testInfra, uniqueTopic } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient, type Consumer, type Message } from '@alpes/pulsar';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, recordsOf } from './support/cli.ts';

const test = suite('send-events against the real broker');
const { pulsarUrl } = testInfra();
const client = createPulsarClient({ serviceUrl: pulsarUrl });

test.after(async () => {
  await client.close();
});

/** A subscription made before the CLI runs, reading with the catalogue schema of `topic` `version`. */
async function subscribe(topic: string, schemaOf: TopicName, version: SchemaVersion): Promise<Consumer<unknown>> {
  return client.subscribe({
    topic,
    subscription: 'check',
    initialPosition: 'Earliest',
    schema: avroSchema(schemaText(schemaOf, version)),
  });
}

async function receiveAll(consumer: Consumer<unknown>, count: number): Promise<Message<unknown>[]> {
  const messages: Message<unknown>[] = [];
  while (messages.length < count) {
    const message = await consumer.receive(15_000);
    messages.push(message);
    message.ack();
  }
  return messages;
}

/** Sent record without the instants a second run cannot reproduce. */
const timeless = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      ['fecha_creacion', 'fecha_actualizacion', 'occurred_at'].includes(key) ? null : v,
    ),
  ) as unknown;

test('crear-influencer v2: every message arrives, keyed by the influencer id, equal to the dry run of the same seed', async () => {
  const topic = uniqueTopic('send-events-v2');
  const consumer = await subscribe(topic, 'eventos-crear-influencer', 'v2');
  const args = ['crear-influencer', '--topic', topic, '--count', '25', '--seed', '7'];
  const sent = await cli(args, { env: { PULSAR_URL: pulsarUrl } });
  assert.is(sent.code, 0, sent.stderr);
  assert.match(sent.stderr, /sent 25, failed 0/);
  const expected = recordsOf(await cli([...args, '--dry-run']));
  const received = await receiveAll(consumer, 25);
  assert.equal(
    received.map((m) => timeless(m.value)),
    expected.map(timeless),
  );
  for (const message of received) {
    const decoded = decode('eventos-crear-influencer', message.data, { writerVersion: 'v2' });
    assert.is(message.key, decoded.data?.id ?? undefined, 'key = aggregate id');
    assert.is(decoded.producer_service, 'send-events');
    assert.is(message.eventTime, decoded.occurred_at ?? undefined);
  }
  await consumer.close();
});

test('contrato v1 goes out as the original record; a v2 reader resolves it with a null envelope', async () => {
  const topic = uniqueTopic('send-events-v1');
  const consumer = await subscribe(topic, 'eventos-contratos', 'v1');
  const sent = await cli(['contrato', '--schema-version', 'v1', '--topic', topic, '--pulsar-url', pulsarUrl]);
  assert.is(sent.code, 0, sent.stderr);
  const [message] = await receiveAll(consumer, 1);
  assert.is(message?.schemaVersion, 0, 'the first schema registered on the topic: v1');
  const decoded = decode('eventos-contratos', message?.data ?? new Uint8Array(), { writerVersion: 'v1' });
  assert.is(decoded.data?.id_contrato, 'fdad3d32-f6ea-4836-bc11-bb622036ab7c');
  assert.is(decoded.data?.monto_total, 2500);
  assert.is(decoded.message_id, null);
  await consumer.close();
});

test('records from stdin, --rate paces them', async () => {
  const topic = uniqueTopic('send-events-file');
  const consumer = await subscribe(topic, 'eventos-campanas', 'v2');
  const lines = ['c-1', 'c-2', 'c-3', 'c-4']
    .map((id) => JSON.stringify({ data: { campana_id: id, influencer_id: 'inf-1' } }))
    .join('\n');
  const started = Date.now();
  const sent = await cli(['--schema-of', 'eventos-campanas', '--topic', topic, '--file', '-', '--rate', '4'], {
    stdin: lines,
    env: { PULSAR_URL: pulsarUrl },
  });
  assert.is(sent.code, 0, sent.stderr);
  assert.ok(Date.now() - started >= 750, 'four messages at 4/s take at least 0.75 s');
  const received = (await receiveAll(consumer, 4)).map((m) =>
    decode('eventos-campanas', m.data, { writerVersion: 'v2' }),
  );
  assert.equal(
    received.map((r) => r.data?.campana_id),
    ['c-1', 'c-2', 'c-3', 'c-4'],
  );
  assert.ok(received.every((r) => r.message_type === 'CampanaCreada' && r.message_id !== null));
  await consumer.close();
});

test.run();

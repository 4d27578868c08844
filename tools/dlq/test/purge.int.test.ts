import { avroSchema, createPulsarClient } from '@alpes/pulsar';
import { freshNamespace, testInfra } from '@alpes/infra/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runDlq } from '../src/index.ts';

const test = suite('dlq show (hex when no schema decodes) and purge (with confirmation), real Pulsar');
const infra = testInfra();
const client = createPulsarClient({ serviceUrl: infra.pulsarUrl });
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });

async function dlq(namespace: string, args: string[], confirm?: string): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const env = { PULSAR_URL: infra.pulsarUrl, PULSAR_ADMIN_URL: infra.pulsarAdminUrl, PULSAR_NAMESPACE: namespace };
  const code = await runDlq(args, { env, out: (line) => lines.push(line), confirm: async () => confirm ?? '' });
  return { code, out: lines.join('\n') };
}

async function deadLetterTwo(namespace: string): Promise<string> {
  const topic = `persistent://${namespace}/numeros`;
  const consumer = await client.subscribe({
    topic,
    subscription: 'work',
    type: 'Shared',
    initialPosition: 'Earliest',
    schema,
    nackRedeliveryDelayMs: 50,
    deadLetter: { maxRedeliverCount: 0 },
    handler: async () => {
      throw new Error('rechazado');
    },
  });
  const producer = await client.createProducer({ topic, schema });
  await producer.send({ value: { n: 1 }, key: 'a' });
  await producer.send({ value: { n: 2 }, key: 'b' });
  await producer.close();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const listed = JSON.parse((await dlq(namespace, ['list', '--json'])).out) as { topic: string; depth: number }[];
    if (listed[0]?.depth === 2) break;
    if (Date.now() > deadline) throw new Error(`not dead-lettered: ${JSON.stringify(listed)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await consumer.close();
  return 'numeros-work-DLQ';
}

test('show decodes with the registered schema and gives the reason; purge asks, refuses a wrong answer, then drops them', async () => {
  const namespace = await freshNamespace('dlq-purge');
  const topic = await deadLetterTwo(namespace);
  const shown = JSON.parse((await dlq(namespace, ['show', topic, '--json'])).out) as {
    value: { n: number };
    hex: string;
    reason: string;
    key: string;
  }[];
  assert.equal(
    shown.map((m) => [m.key, m.value.n, m.reason]),
    [
      ['a', 1, 'handler failed after 0 redeliveries: Error: rechazado'],
      ['b', 2, 'handler failed after 0 redeliveries: Error: rechazado'],
    ],
  );
  assert.is(shown[0]?.hex, '02', 'the Avro bytes as hex too');
  const refused = await dlq(namespace, ['purge', topic], 'no');
  assert.is(refused.code, 1);
  assert.match(refused.out, /not confirmed; nothing purged/);
  const stillThere = JSON.parse((await dlq(namespace, ['list', '--json'])).out) as { depth: number }[];
  assert.is(stillThere[0]?.depth, 2, 'nothing changed');
  const purged = await dlq(namespace, ['purge', topic, '--json'], topic);
  assert.equal(JSON.parse(purged.out), { purged: 2 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = JSON.parse((await dlq(namespace, ['list', '--json'])).out) as { depth: number }[];
  assert.is(after[0]?.depth, 0);
});

test.after(() => client.close());
test.run();

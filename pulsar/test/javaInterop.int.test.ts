import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import avro from 'avsc';
import { testInfra } from '@alpes/infra/testing';
import { avroSchema } from '../src/index.ts';
import { buildJavaClient } from './javaClient.ts';
import { newClient, receiveN, uniqueTopic } from './support.ts';

// Issue "must show": the official Java client (4.0.7, Schema.AVRO with SchemaDefinition.withJsonDef of our .avsc)
// reads what we write and we read what it writes. Values are compared in Avro's JSON encoding on both sides.
const test = suite('interop with the official Java client');
const N = 40;
const log = (line: string) => console.log(`[javaInterop] ${line}`);

const definition = {
  type: 'record',
  name: 'Interop',
  namespace: 'alpes.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'int' },
    { name: 'big', type: 'long' },
    { name: 'ratio', type: 'double' },
    { name: 'share', type: 'float' },
    { name: 'flag', type: 'boolean' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['CAMPANA', 'CONTRATO', 'INFLUENCER'] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'counts', type: { type: 'map', values: 'long' } },
    { name: 'raw', type: 'bytes' },
    {
      name: 'owner',
      type: [
        'null',
        {
          type: 'record',
          name: 'Owner',
          fields: [
            { name: 'name', type: 'string' },
            { name: 'since', type: 'long' },
          ],
        },
      ],
      default: null,
    },
  ],
};
const avsc = JSON.stringify(definition);
const type = avro.Type.forSchema(definition as avro.Schema);
const schema = avroSchema<Record<string, unknown>>(definition);

function valueOf(i: number): Record<string, unknown> {
  return {
    id: `campaña-${i}-ñ€`,
    n: i - 20,
    big: 2 ** 40 + i,
    ratio: i / 8,
    share: 0.5 + i,
    flag: i % 2 === 0,
    note: i % 3 === 0 ? null : `nota ${i}`,
    kind: ['CAMPANA', 'CONTRATO', 'INFLUENCER'][i % 3],
    tags: Array.from({ length: i % 4 }, (_, j) => `t${j}`),
    counts: i % 2 ? { a: i, b: -i } : {},
    raw: Buffer.from([0, i, 255 - i]),
    owner: i % 5 === 0 ? null : { name: `dueño ${i}`, since: 1_700_000_000_000 + i },
  };
}

/** A value in Avro's JSON encoding (unions wrapped, bytes as ISO-8859-1 text), parsed. */
const avroJson = (v: unknown): unknown => JSON.parse(type.toString(v));

const client = newClient();
const dir = mkdtempSync(join(tmpdir(), 'pulsar-interop-'));
const avscFile = join(dir, 'interop.avsc');
writeFileSync(avscFile, avsc);
const java = await buildJavaClient(log);

test('we produce, the Java client consumes the same values, keys and sequence ids', async () => {
  const topic = uniqueTopic('interop-ts-to-java');
  const producer = await client.createProducer({
    topic,
    schema,
    producerName: 'ts-interop',
    initialSubscription: 'java',
  });
  await Promise.all(
    Array.from({ length: N }, (_, i) => producer.send({ value: valueOf(i), key: `k${i}`, sequenceId: i })),
  );
  await producer.close();
  log(`sent ${N}; the Java client consumes …`);
  const lines = await java.run(['consume', testInfra().pulsarUrl, topic, 'java', String(N), avscFile]);
  assert.is(lines.length, N);
  lines.forEach((line, i) => {
    const [json, key, sequenceId] = line.split('\t');
    assert.equal(JSON.parse(json as string), avroJson(valueOf(i)), `value ${i}`);
    assert.is(key, `k${i}`);
    assert.is(sequenceId, String(i));
  });
});

test('the Java client produces, we consume and decode equal values', async () => {
  const topic = uniqueTopic('interop-java-to-ts');
  const consumer = await client.subscribe({ topic, subscription: 'ts', initialPosition: 'Earliest', schema });
  const valuesFile = join(dir, 'values.jsonl');
  writeFileSync(valuesFile, Array.from({ length: N }, (_, i) => type.toString(valueOf(i))).join('\n'));
  log(`the Java client produces ${N} …`);
  const ids = await java.run(['produce', testInfra().pulsarUrl, topic, valuesFile, avscFile]);
  assert.is(ids.length, N);
  const got = await receiveN(consumer, N, { ms: 20_000 });
  got.forEach((m, i) => {
    assert.equal(avroJson(m.value), avroJson(valueOf(i)), `value ${i}`);
    assert.is((m.value as { id: string }).id, `campaña-${i}-ñ€`);
    assert.is(m.key, `k${i}`);
    assert.is(m.sequenceId, i);
    assert.is(m.producerName, 'java-interop');
    assert.ok(m.schemaVersion !== undefined, 'the Java producer stamps the schema version');
  });
  await consumer.close();
});

test.after(() => client.close());
test.run();

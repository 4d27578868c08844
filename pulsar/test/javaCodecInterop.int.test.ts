import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import avro from 'avsc';
import { testInfra } from '@alpes/infra/testing';
import { avroSchema, bytesSchema, DEAD_LETTER_REASON, DEAD_LETTER_ORIGINAL_TOPIC } from '../src/index.ts';
import type { CompressionType } from '../src/index.ts';
import { buildJavaClient } from './javaClient.ts';
import { maybeReceive, newClient, receiveN, uniqueTopic } from './support.ts';

// Issue 19 "must show": every codec both ways with the official Java client (4.0.7), batched, and a chunked
// Java message dead-lettered with its reason (we do not reassemble chunks: see the package README).
const test = suite('codecs and chunks with the official Java client');
const N = 40;
const CODECS: CompressionType[] = ['LZ4', 'ZLIB', 'ZSTD', 'SNAPPY'];
const log = (line: string) => console.log(`[javaCodecInterop] ${line}`);

const definition = {
  type: 'record',
  name: 'CodecInterop',
  namespace: 'alpes.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'int' },
    { name: 'texto', type: 'string' },
  ],
};
const type = avro.Type.forSchema(definition as avro.Schema);
const schema = avroSchema<Record<string, unknown>>(definition);
const valueOf = (i: number) => ({ id: `contrato-${i}-ñ`, n: i, texto: `campaña de verano ${i} `.repeat(1 + (i % 20)) });

const client = newClient();
const dir = mkdtempSync(join(tmpdir(), 'pulsar-codec-interop-'));
const avscFile = join(dir, 'codec.avsc');
writeFileSync(avscFile, JSON.stringify(definition));
const valuesFile = join(dir, 'values.jsonl');
writeFileSync(valuesFile, Array.from({ length: N }, (_, i) => type.toString(valueOf(i))).join('\n'));
const java = await buildJavaClient(log);

for (const codec of CODECS) {
  test(`the Java client produces ${codec} batches, we read every message`, async () => {
    const topic = uniqueTopic(`java-${codec.toLowerCase()}-to-ts`);
    const consumer = await client.subscribe({ topic, subscription: 'ts', initialPosition: 'Earliest', schema });
    const ids = await java.run(['produce', testInfra().pulsarUrl, topic, valuesFile, avscFile, codec, 'batch']);
    assert.is(ids.length, N);
    const got = await receiveN(consumer, N, { ms: 20_000 });
    got.forEach((m, i) => {
      assert.equal(JSON.parse(type.toString(m.value)), JSON.parse(type.toString(valueOf(i))), `value ${i}`);
      assert.is(m.key, `k${i}`);
    });
    assert.ok(
      got.some((m) => m.messageId.batchIndex > 0),
      'the Java producer batched',
    );
    await consumer.close();
  });

  test(`we produce ${codec} batches, the Java client reads every message`, async () => {
    const topic = uniqueTopic(`ts-${codec.toLowerCase()}-to-java`);
    const producer = await client.createProducer({
      topic,
      schema,
      compression: codec,
      initialSubscription: 'java',
      batching: { maxDelayMs: 20, keyBased: false },
    });
    await Promise.all(
      Array.from({ length: N }, (_, i) => producer.send({ value: valueOf(i), key: `k${i}`, sequenceId: i })),
    );
    await producer.close();
    const lines = await java.run(['consume', testInfra().pulsarUrl, topic, 'java', String(N), avscFile]);
    assert.is(lines.length, N);
    lines.forEach((line, i) => {
      const [json, key] = line.split('\t');
      assert.equal(JSON.parse(json as string), valueOf(i), `value ${i}`);
      assert.is(key, `k${i}`);
    });
  });
}

test('a chunked Java message is dead-lettered chunk by chunk with its reason, and nothing is delivered', async () => {
  const topic = uniqueTopic('java-chunked');
  const consumer = await client.subscribe({ topic, subscription: 'ts', initialPosition: 'Earliest', schema });
  const dlq = await client.subscribe({
    topic: `${topic}-ts-DLQ`,
    subscription: 'ts-DLQ',
    initialPosition: 'Earliest',
    schema: bytesSchema(),
  });
  const one = join(dir, 'one.jsonl');
  writeFileSync(one, type.toString({ id: 'grande', n: 1, texto: 'x'.repeat(1500) }));
  await java.run(['produce', testInfra().pulsarUrl, topic, one, avscFile, 'NONE', 'chunk:400']);
  const first = await receiveN(dlq, 1, { ms: 20_000 });
  const chunks = Number(/of (\d+) of message/.exec(first[0]?.properties[DEAD_LETTER_REASON] ?? '')?.[1]);
  assert.ok(chunks >= 4, `a 1.5 KB message in chunks of 400 bytes: ${first[0]?.properties[DEAD_LETTER_REASON]}`);
  const rest = await receiveN(dlq, chunks - 1, { ms: 20_000 });
  for (const m of [...first, ...rest]) {
    assert.match(
      m.properties[DEAD_LETTER_REASON] ?? '',
      /^chunk \d+ of \d+ of message .+: chunked messages are not reassembled$/,
    );
    assert.is(m.properties[DEAD_LETTER_ORIGINAL_TOPIC], topic);
  }
  assert.is(await maybeReceive(consumer, 1000), undefined, 'no chunk reaches the application');
  await consumer.close();
  await dlq.close();
});

test.after(() => client.close());
test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesSchema } from '../src/index.ts';
import type { CompressionType } from '../src/index.ts';
import { newClient, receiveN, uniqueTopic } from './support.ts';

// Issue 19: our producer with each codec, batched and not, and our consumer reads every message back.
const test = suite('every codec through the broker');
const client = newClient();
const CODECS: CompressionType[] = ['NONE', 'LZ4', 'ZLIB', 'ZSTD', 'SNAPPY'];
const N = 50;
const valueOf = (i: number): Buffer =>
  Buffer.from(`{"id":"influencer-${i}","nombre":"Ana ${i}","seguidores":${i * 1000}} `.repeat(1 + (i % 9)));

for (const compression of CODECS) {
  for (const batched of [true, false]) {
    test(`${compression}, ${batched ? 'batched' : 'one message an entry'}`, async () => {
      const topic = uniqueTopic(`codec-${compression.toLowerCase()}`);
      const consumer = await client.subscribe({
        topic,
        subscription: 's',
        schema: bytesSchema(),
        initialPosition: 'Earliest',
      });
      const producer = await client.createProducer({
        topic,
        schema: bytesSchema(),
        compression,
        batching: batched ? { maxDelayMs: 20, keyBased: false } : false,
      });
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          producer.send({ value: valueOf(i), key: `k${i}`, properties: { i: String(i) } }),
        ),
      );
      const got = await receiveN(consumer, N);
      got.forEach((m, i) => {
        assert.ok(Buffer.from(m.value).equals(valueOf(i)), `message ${i}`);
        assert.is(m.key, `k${i}`);
        assert.is(m.properties['i'], String(i));
      });
      if (batched)
        assert.ok(
          got.some((m) => m.messageId.batchIndex > 0),
          'some messages travelled in batches',
        );
      await producer.close();
      await consumer.close();
    });
  }
}

test.after(() => client.close());
test.run();

import zlib from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testInfra } from '@alpes/infra/testing';
import { bytesSchema, DEAD_LETTER_REASON, DEAD_LETTER_ORIGINAL_TOPIC, parseMessageId } from '../src/index.ts';
import type { Message, MessageId } from '../src/index.ts';
import { isPulsarError } from '../src/errors.ts';
import { BatchBuilder } from '../src/producer/batch.ts';
import { publishRaw } from '../src/testing/rawEntries.ts';
import type { RawEntry } from '../src/testing/rawEntries.ts';
import { newClient, receiveN, uniqueTopic } from './support.ts';

// Issue 19: entries that cannot be opened (bombs, lying batch counts, unknown codecs, corrupt blocks) go to the
// subscription's dead-letter topic with their reason, the consumer goes on, and memory stays bounded.
const test = suite('entries that cannot be opened are dead-lettered');
const client = newClient();
const MB = 1024 * 1024;

function batchOf(values: string[]): Buffer {
  const b = new BatchBuilder();
  values.forEach((v, i) =>
    b.add(
      { payload: Buffer.from(v), key: undefined, properties: undefined, eventTime: undefined, sequenceId: i },
      { resolve: () => {}, reject: () => {} },
    ),
  );
  return b.take().payload;
}

/** About 4.5 MB of concatenated zstd frames, each expanding to 64 MB of zeros: a few hundred GB declared nowhere. */
function zstdBomb(): Buffer {
  const frame = zlib.zstdCompressSync(Buffer.alloc(64 * MB));
  return Buffer.concat(Array.from({ length: Math.ceil((4.5 * MB) / frame.length) }, () => frame));
}

const poison: [string, RawEntry, RegExp][] = [
  [
    'zlib bomb',
    { payload: zlib.deflateSync(Buffer.alloc(200 * MB)), metadata: { compression: 2, uncompressedSize: 4 * MB } },
    /does not decompress within 4194304 bytes/,
  ],
  [
    '5 MB zstd bomb',
    { payload: zstdBomb(), metadata: { compression: 3, uncompressedSize: 5 * MB - 1 } },
    /does not decompress within/,
  ],
  [
    'declared size past the maximum',
    { payload: Buffer.from('x'), metadata: { compression: 2, uncompressedSize: 2 ** 31 } },
    /exceeds the maximum message size/,
  ],
  [
    'lying batch count',
    { payload: batchOf(['a', 'b']), metadata: { numMessagesInBatch: 2 ** 31 - 1 } },
    /exceeds the cap/,
  ],
  [
    'batch count the payload cannot hold',
    { payload: batchOf(['a']), metadata: { numMessagesInBatch: 900 } },
    /cannot fit/,
  ],
  [
    'batch member cut off',
    { payload: batchOf(['a', 'b', 'c']).subarray(0, 20), metadata: { numMessagesInBatch: 3 } },
    /runs past the payload/,
  ],
  [
    'unknown codec',
    { payload: Buffer.from('hola'), metadata: { compression: 7, uncompressedSize: 4 } },
    /unknown compression codec 7/,
  ],
  [
    'corrupt LZ4',
    { payload: Buffer.from([0x10, 0x61, 0x09, 0x00]), metadata: { compression: 1, uncompressedSize: 8 } },
    /corrupt LZ4 block/,
  ],
  [
    'chunk',
    { payload: Buffer.from('part'), metadata: { uuid: 'u-1', numChunksFromMsg: 2, chunkId: 0, totalChunkMsgSize: 8 } },
    /chunked messages are not reassembled/,
  ],
];

test('each poisoned entry reaches the dead-letter topic with its reason; the valid entries around them are delivered', async () => {
  const topic = uniqueTopic('poison-entries');
  const got: Message<Uint8Array>[] = [];
  const consumer = await client.subscribe({
    topic,
    subscription: 's',
    schema: bytesSchema(),
    initialPosition: 'Earliest',
    handler: async (m) => void got.push(m),
  });
  const dlq = await client.subscribe({
    topic: `${topic}-s-DLQ`,
    subscription: 's-DLQ',
    schema: bytesSchema(),
    initialPosition: 'Earliest',
  });
  const rssBefore = process.memoryUsage().rss;
  const valid: RawEntry = {
    payload: zlib.zstdCompressSync(batchOf(['uno', 'dos'])),
    metadata: { compression: 3, uncompressedSize: batchOf(['uno', 'dos']).length, numMessagesInBatch: 2 },
  };
  const ids = await publishRaw({ serviceUrl: testInfra().pulsarUrl, topic }, [
    valid,
    ...poison.map(([, e]) => e),
    valid,
  ]);
  assert.ok(
    ids.every((id) => !(id instanceof Error)),
    `the broker stores every entry: ${ids.map(String).join(', ')}`,
  );

  const dead = await receiveN(dlq, poison.length, { ms: 30_000 });
  // Dead-lettering is asynchronous: match each dead letter to its entry by the id it came from.
  const byEntry = new Map(
    dead.map((m) => {
      const origin = parseMessageId(m.properties['ORIGIN_MESSAGE_ID'] as string);
      return [`${origin.ledgerId}:${origin.entryId}`, m];
    }),
  );
  poison.forEach(([name, , reason], i) => {
    const id = ids[i + 1] as MessageId;
    const m = byEntry.get(`${id.ledgerId}:${id.entryId}`);
    const text = m?.properties[DEAD_LETTER_REASON] ?? '';
    assert.match(text, reason, `${name}: ${text}`);
    assert.ok(Buffer.byteLength(text) <= 1024);
    assert.is(m?.properties[DEAD_LETTER_ORIGINAL_TOPIC], topic, name);
  });
  const deadline = Date.now() + 10_000;
  while (got.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(
    got.map((m) => Buffer.from(m.value).toString()),
    ['uno', 'dos', 'uno', 'dos'],
    'the consumer goes on after the poison',
  );
  const grown = (process.memoryUsage().rss - rssBefore) / MB;
  assert.ok(grown < 150, `RSS grew by ${grown.toFixed(0)} MB for ${poison.length} poisoned entries`);
  await consumer.close();
  await dlq.close();
});

for (const type of ['Shared', 'Key_Shared'] as const) {
  test(`on a ${type} subscription too, every poisoned entry is dead-lettered and the valid ones are delivered`, async () => {
    const topic = uniqueTopic(`poison-${type.toLowerCase()}`);
    const got: string[] = [];
    const consumer = await client.subscribe({
      topic,
      subscription: 's',
      type,
      schema: bytesSchema(),
      initialPosition: 'Earliest',
      handler: async (m) => void got.push(Buffer.from(m.value).toString()),
    });
    const dlq = await client.subscribe({
      topic: `${topic}-s-DLQ`,
      subscription: 's-DLQ',
      schema: bytesSchema(),
      initialPosition: 'Earliest',
    });
    const valid: RawEntry = { payload: batchOf(['uno', 'dos']), metadata: { numMessagesInBatch: 2 } };
    await publishRaw({ serviceUrl: testInfra().pulsarUrl, topic }, [valid, ...poison.map(([, e]) => e), valid]);
    const dead = await receiveN(dlq, poison.length, { ms: 30_000 });
    assert.is(dead.length, poison.length);
    const deadline = Date.now() + 10_000;
    while (got.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(got, ['uno', 'dos', 'uno', 'dos']);
    await consumer.close();
    await dlq.close();
  });
}

test('the broker refuses an entry whose checksum does not match, so no consumer ever sees it', async () => {
  const topic = uniqueTopic('poison-checksum');
  const [answer] = await publishRaw({ serviceUrl: testInfra().pulsarUrl, topic }, [
    { payload: Buffer.from('hola'), corruptChecksum: true },
  ]);
  assert.ok(isPulsarError(answer, 'ChecksumError'), `answered ${String(answer)}`);
});

test.after(() => client.close());
test.run();

import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compress, COMPRESSION_CODES, decompress } from '../src/compression/codecs.ts';
import type { CompressionType } from '../src/compression/codecs.ts';
import { lz4Compress, lz4Decompress } from '../src/compression/lz4.ts';
import { checkBatchCount, MAX_BATCH_MESSAGES, openPayload } from '../src/consumer/openPayload.ts';
import { isPulsarError } from '../src/errors.ts';
import { readBatch } from '../src/producer/batch.ts';

const test = suite('compression codecs and the limits of an entry');
const CODECS = Object.keys(COMPRESSION_CODES) as CompressionType[];
const MAX = 5 * 1024 * 1024;
const text = Buffer.from('{"message_type":"CampanaCreada","id_campana":"c-1","nombre":"verano"} '.repeat(300));

function fails(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    assert.ok(isPulsarError(e), `a PulsarError, not ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

test('every codec round-trips text, random bytes and the empty payload', () => {
  for (const codec of CODECS) {
    for (const data of [text, randomBytes(70_000), Buffer.alloc(0), Buffer.from('a')]) {
      const packed = Buffer.from(compress(codec, data));
      if (codec !== 'NONE' && data === text) assert.ok(packed.length < data.length / 4, `${codec} compresses text`);
      const back = codec === 'NONE' ? packed : decompress(COMPRESSION_CODES[codec], packed, data.length);
      assert.ok(back.equals(data), `${codec} of ${data.length} bytes`);
    }
  }
});

test('LZ4 blocks of every small size and of long runs decode to the input', () => {
  for (let n = 0; n < 80; n++) {
    const data = Buffer.from(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0)));
    assert.ok(lz4Decompress(lz4Compress(data), n).equals(data), `size ${n}`);
  }
  const run = Buffer.alloc(1_000_000, 0x61);
  const packed = lz4Compress(run);
  assert.ok(packed.length < 5000, `a run of 1 MB packs into ${packed.length} bytes`);
  assert.ok(lz4Decompress(packed, run.length).equals(run));
});

test('a zlib or zstd bomb stops at the declared size', () => {
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  fails(
    () => decompress(COMPRESSION_CODES.ZLIB, zlib.deflateSync(zeros), 1024),
    /does not decompress within 1024 bytes/,
  );
  fails(() => decompress(COMPRESSION_CODES.ZSTD, zlib.zstdCompressSync(zeros), MAX), /does not decompress within/);
});

test('a payload that expands to less than declared, an unknown codec and corrupt LZ4 or Snappy are refused', () => {
  fails(() => decompress(COMPRESSION_CODES.ZLIB, zlib.deflateSync(text), text.length + 1), /not the declared/);
  fails(() => decompress(9, text, 10), /unknown compression codec 9/);
  fails(() => lz4Decompress(Buffer.from([0x10, 0x61, 0x05, 0x00]), 100), /match points outside/);
  fails(() => lz4Decompress(Buffer.from([0xf0, 0xff, 0xff]), 100), /cut off/);
  fails(() => lz4Decompress(Buffer.from([0x50, 1, 2]), 5), /literal run overflows/);
  fails(
    () => decompress(COMPRESSION_CODES.SNAPPY, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), MAX),
    /does not decompress/,
  );
});

test('the declared uncompressed size may not exceed the maximum message size, and must be there', () => {
  const f = { command: { type: 9 }, payload: zlib.deflateSync(text), checksumOk: true } as never;
  const meta = { producerName: 'p', sequenceId: 0, publishTime: 0, compression: COMPRESSION_CODES.ZLIB };
  fails(() => openPayload(f, { ...meta, uncompressedSize: 2 ** 31 }, MAX), /exceeds the maximum message size/);
  fails(() => openPayload(f, meta, MAX), /without an uncompressed size/);
  assert.ok(openPayload(f, { ...meta, uncompressedSize: text.length }, MAX).equals(text));
  fails(() => openPayload({ ...(f as object), checksumOk: false } as never, meta, MAX), /checksum mismatch/);
  fails(
    () => openPayload(f, { ...meta, numChunksFromMsg: 3, chunkId: 0, uuid: 'u' }, MAX),
    /chunk 0 of 3 of message u/,
  );
});

test('a batch count that the payload cannot hold, or past the cap, is refused before anything is allocated', () => {
  fails(() => checkBatchCount(2 ** 31 - 1, 1_000_000), /exceeds the cap/);
  fails(() => checkBatchCount(1000, 100), /cannot fit in 100 bytes/);
  fails(() => checkBatchCount(0, 100), /not a positive integer/);
  fails(() => checkBatchCount(-5, 100), /not a positive integer/);
  checkBatchCount(MAX_BATCH_MESSAGES, MAX_BATCH_MESSAGES * 6);
});

test('a batch member that runs past the payload is refused', () => {
  const member = Buffer.from([0, 0, 0, 2, 0x18, 50, 1, 2, 3]);
  const decode = (b: Buffer, s: number, e: number) => ({ payloadSize: e - s === 2 ? (b[s + 1] as number) : 0 });
  fails(() => [...readBatch(member, 1, decode)], /batch member 0 of 1 runs past the payload/);
  fails(() => [...readBatch(Buffer.from([0, 0, 0, 200, 1]), 1, decode)], /runs past the payload/);
  fails(() => [...readBatch(Buffer.from([0, 0, 0, 2, 0x18, 0]), 2, decode)], /batch member 1 of 2/);
});

test.run();

import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import type { RawEntry } from '@alpes/pulsar/testing';

const MB = 1024 * 1024;

/** An entry that no consumer can open, and the reason it must be dead-lettered with. */
export interface EntryPoison {
  readonly name: string;
  readonly entry: RawEntry;
  readonly reason: RegExp;
}

/** A batch payload by hand: [4-byte size][SingleMessageMetadata: payload_size][payload] per member. */
function batchOf(values: readonly string[]): Buffer {
  return Buffer.concat(
    values.map((v) => {
      const body = Buffer.from(v);
      const meta = Buffer.from([0x18, body.length]); // field 3 (payload_size), varint; members stay under 128 bytes
      const size = Buffer.alloc(4);
      size.writeUInt32BE(meta.length);
      return Buffer.concat([size, meta, body]);
    }),
  );
}

let bomb: Buffer | undefined;
/** About 4.5 MB of concatenated zstd frames, each expanding to 64 MB: some 70 GB behind a 5 MB message. */
function zstdBomb(): Buffer {
  const frame = zlib.zstdCompressSync(Buffer.alloc(64 * MB));
  bomb ??= Buffer.concat(Array.from({ length: Math.ceil((4.5 * MB) / frame.length) }, () => frame));
  return bomb;
}

/** Batched and compressed poison (issue 19); the broker stores each as it is, the consumers must not choke. */
export function entryPoisons(): EntryPoison[] {
  const three = batchOf(['{"a":1}', '{"b":2}', '{"c":3}']);
  return [
    {
      name: '5 MB zstd bomb',
      entry: { payload: zstdBomb(), metadata: { compression: 3, uncompressedSize: 5 * MB - 64 } },
      reason: /does not decompress within/,
    },
    {
      name: 'zlib bomb',
      entry: { payload: zlib.deflateSync(Buffer.alloc(100 * MB)), metadata: { compression: 2, uncompressedSize: MB } },
      reason: /does not decompress within/,
    },
    {
      name: 'declared size past the maximum',
      entry: { payload: Buffer.from('x'), metadata: { compression: 3, uncompressedSize: 2 ** 32 - 1 } },
      reason: /exceeds the maximum message size/,
    },
    {
      name: 'lying batch count',
      entry: { payload: three, metadata: { numMessagesInBatch: 2 ** 31 - 1 } },
      reason: /exceeds the cap/,
    },
    {
      name: 'batch count the payload cannot hold',
      entry: { payload: three, metadata: { numMessagesInBatch: 500 } },
      reason: /cannot fit/,
    },
    {
      name: 'batch member cut off',
      entry: { payload: three.subarray(0, three.length - 3), metadata: { numMessagesInBatch: 3 } },
      reason: /runs past the payload/,
    },
    {
      name: 'unknown codec',
      entry: { payload: three, metadata: { compression: 42, uncompressedSize: three.length } },
      reason: /unknown compression codec 42/,
    },
    {
      name: 'corrupt LZ4 batch',
      entry: {
        payload: Buffer.from([0x10, 0x61, 0x09, 0x00]),
        metadata: { compression: 1, uncompressedSize: 30, numMessagesInBatch: 2 },
      },
      reason: /corrupt LZ4 block/,
    },
    {
      name: 'corrupt Snappy',
      entry: { payload: Buffer.from([0x1e, 0x70, 0xff, 0xff]), metadata: { compression: 4, uncompressedSize: 30 } },
      reason: /does not decompress/,
    },
    // The first chunk of a message whose other chunks never come. Not a later chunk: the broker's Shared
    // dispatcher never hands out a chunk whose first one it has not seen, nor anything after it (see README).
    {
      name: 'chunk of a message',
      entry: { payload: three, metadata: { uuid: 'poison-1', numChunksFromMsg: 3, chunkId: 0, totalChunkMsgSize: 90 } },
      reason: /chunked messages are not reassembled/,
    },
  ];
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? 'VmRSS: 0 kB';
  return Math.round(Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024);
}

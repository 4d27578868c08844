import zlib from 'node:zlib';
import * as snappy from 'snappyjs';
import { PulsarError } from '../errors.ts';
import { lz4Compress, lz4Decompress } from './lz4.ts';

/** The codecs of the protocol's CompressionType, by name; the number is what travels in the metadata. */
export const COMPRESSION_CODES = { NONE: 0, LZ4: 1, ZLIB: 2, ZSTD: 3, SNAPPY: 4 } as const;
export type CompressionType = keyof typeof COMPRESSION_CODES;

/** Compresses a message or batch payload the way the Java client does (zlib with header, raw LZ4 block, raw Snappy). */
export function compress(type: CompressionType, data: Uint8Array): Uint8Array {
  switch (type) {
    case 'NONE':
      return data;
    case 'LZ4':
      return lz4Compress(data);
    case 'ZLIB':
      return zlib.deflateSync(data);
    case 'ZSTD':
      return zlib.zstdCompressSync(data);
    case 'SNAPPY':
      return snappy.compress(data);
  }
}

/**
 * Expands a payload that must come out at exactly `size` bytes. The caller has already capped `size` (by the
 * broker's maximum message size), and no codec here writes past it: zlib and zstd stop at `maxOutputLength`,
 * LZ4 and Snappy allocate `size` and check every copy, so a decompression bomb costs at most `size` bytes.
 */
export function decompress(code: number, data: Buffer, size: number): Buffer {
  const out = expand(code, data, size);
  if (out.length !== size)
    throw new PulsarError('ProtocolError', `payload expands to ${out.length} bytes, not the declared ${size}`);
  return out;
}

function expand(code: number, data: Buffer, size: number): Buffer {
  try {
    switch (code) {
      case COMPRESSION_CODES.LZ4:
        return lz4Decompress(data, size);
      // The Java client ends its zlib stream with a sync flush, not a finished stream.
      case COMPRESSION_CODES.ZLIB:
        return zlib.inflateSync(data, { maxOutputLength: Math.max(1, size), finishFlush: zlib.constants.Z_SYNC_FLUSH });
      case COMPRESSION_CODES.ZSTD:
        return zlib.zstdDecompressSync(data, { maxOutputLength: Math.max(1, size) });
      case COMPRESSION_CODES.SNAPPY:
        return Buffer.from(snappyExpand(data, size));
    }
  } catch (e) {
    if (e instanceof PulsarError) throw e;
    throw new PulsarError(
      'ProtocolError',
      `payload does not decompress within ${size} bytes: ${(e as Error).message}`,
      { cause: e },
    );
  }
  throw new PulsarError('NotSupported', `unknown compression codec ${code}`);
}

function snappyExpand(data: Buffer, size: number): Uint8Array {
  // snappyjs refuses a declared length above `size` before it allocates; its copies stay inside the output.
  return snappy.uncompress(new Uint8Array(data.buffer, data.byteOffset, data.length), size);
}

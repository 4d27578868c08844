import { decompress } from '../compression/codecs.ts';
import { PulsarError } from '../errors.ts';
import type { Frame } from '../frame.ts';
import type { MessageMetadata } from '../proto/types.ts';

/**
 * A fixed cap on the messages of one batch entry, whatever its metadata says: the Java client batches 1000
 * by default, and the per-entry bookkeeping (ack bits, message objects) must stay small.
 */
export const MAX_BATCH_MESSAGES = 10_000;
/** The smallest batch member: its 4-byte size and a SingleMessageMetadata holding only payload_size (2 bytes). */
const MIN_BATCH_MEMBER = 6;

/** Why an entry cannot be opened; the consumer dead-letters the entry with this text as the reason. */
export function unopenable(reason: string): PulsarError {
  return new PulsarError('ProtocolError', reason);
}

/**
 * The entry's payload, checked and decompressed. The expanded size must be the declared `uncompressed_size`,
 * which may not exceed the broker's maximum message size (as the Java client checks), so an entry never
 * costs more than `maxMessageSize` bytes however it was crafted.
 */
export function openPayload(f: Frame, meta: MessageMetadata, maxMessageSize: number): Buffer {
  if (f.checksumOk === false) throw unopenable('checksum mismatch (CRC32C of metadata and payload)');
  if (meta.encryptionKeys?.length) throw new PulsarError('NotSupported', 'encrypted messages are not supported');
  if ((meta.numChunksFromMsg ?? 1) > 1) {
    throw new PulsarError(
      'NotSupported',
      `chunk ${meta.chunkId ?? '?'} of ${meta.numChunksFromMsg} of message ${meta.uuid ?? '?'}: chunked messages are not reassembled`,
    );
  }
  const payload = f.payload ?? Buffer.alloc(0);
  const codec = meta.compression ?? 0;
  if (codec === 0) return payload;
  const size = meta.uncompressedSize;
  if (size === undefined) throw unopenable(`compressed (codec ${codec}) without an uncompressed size`);
  if (size > maxMessageSize)
    throw unopenable(`declared uncompressed size ${size} exceeds the maximum message size ${maxMessageSize}`);
  return decompress(codec, payload, size);
}

/** Refuses a batch count that the payload cannot hold or that passes the fixed cap, before anything is allocated. */
export function checkBatchCount(n: number, payloadLength: number): void {
  if (!Number.isInteger(n) || n < 1) throw unopenable(`batch count ${n} is not a positive integer`);
  if (n > MAX_BATCH_MESSAGES) throw unopenable(`batch count ${n} exceeds the cap of ${MAX_BATCH_MESSAGES}`);
  if (n * MIN_BATCH_MEMBER > payloadLength) throw unopenable(`batch count ${n} cannot fit in ${payloadLength} bytes`);
}

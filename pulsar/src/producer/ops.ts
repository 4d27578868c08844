import { compress, COMPRESSION_CODES } from '../compression/codecs.ts';
import type { CompressionType } from '../compression/codecs.ts';
import { encodePayloadCommand } from '../frame.ts';
import { CommandType as T } from '../proto/types.ts';
import type { MessageMetadata } from '../proto/types.ts';
import type { Writer } from '../proto/writer.ts';
import type { Batch, Callbacks, PreparedMessage } from './batch.ts';
import type { OpSend } from './sendQueue.ts';

/** The producer state a SEND frame is built from. */
export interface FrameSource {
  readonly id: number;
  readonly producerName: string;
  readonly schemaVersion: Uint8Array | undefined;
  readonly frames: Writer;
  readonly opts: { readonly sendTimeoutMs?: number; readonly compression?: CompressionType };
}

function deadline(src: FrameSource): number {
  const t = src.opts.sendTimeoutMs ?? 30_000;
  return t > 0 ? Date.now() + t : Number.POSITIVE_INFINITY;
}

export function buildSingleOp(src: FrameSource, p: PreparedMessage, cb: Callbacks): OpSend {
  const meta: MessageMetadata = { producerName: src.producerName, sequenceId: p.sequenceId, publishTime: Date.now() };
  if (p.properties) meta.properties = p.properties;
  if (p.key !== undefined) meta.partitionKey = p.key;
  if (p.eventTime) meta.eventTime = p.eventTime;
  if (src.schemaVersion) meta.schemaVersion = src.schemaVersion;
  const cmd = { type: T.SEND, send: { producerId: src.id, sequenceId: p.sequenceId, numMessages: 1 } };
  const frame = encodePayloadCommand(src.frames, cmd, meta, compressed(src, meta, p.payload));
  return {
    sequenceId: p.sequenceId,
    highestSequenceId: p.sequenceId,
    frame,
    callbacks: [cb],
    batched: false,
    deadline: deadline(src),
  };
}

/** Batch-level metadata: first sequence id, highest sequence id and count; per-message fields live in the batch. */
export function buildBatchOp(src: FrameSource, b: Batch): OpSend {
  const meta: MessageMetadata = {
    producerName: src.producerName,
    sequenceId: b.firstSequenceId,
    publishTime: Date.now(),
    numMessagesInBatch: b.count,
    highestSequenceId: b.lastSequenceId,
  };
  if (b.key !== undefined) meta.partitionKey = b.key;
  if (src.schemaVersion) meta.schemaVersion = src.schemaVersion;
  const send = {
    producerId: src.id,
    sequenceId: b.firstSequenceId,
    numMessages: b.count,
    highestSequenceId: b.lastSequenceId,
  };
  const frame = encodePayloadCommand(src.frames, { type: T.SEND, send }, meta, compressed(src, meta, b.payload));
  return {
    sequenceId: b.firstSequenceId,
    highestSequenceId: b.lastSequenceId,
    frame,
    callbacks: b.callbacks,
    batched: true,
    deadline: deadline(src),
  };
}

/** The payload in the producer's codec; the metadata records the codec and the size a consumer must get back. */
function compressed(src: FrameSource, meta: MessageMetadata, payload: Uint8Array): Uint8Array {
  const codec = src.opts.compression ?? 'NONE';
  if (codec === 'NONE') return payload;
  meta.compression = COMPRESSION_CODES[codec];
  meta.uncompressedSize = payload.length;
  return compress(codec, payload);
}

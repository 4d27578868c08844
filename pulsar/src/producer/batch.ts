import { PulsarError } from '../errors.ts';
import type { MessageId } from '../messageId.ts';
import { encodeMessage } from '../proto/codec.ts';
import { SingleMessageMetadata as SingleMetadataDef } from '../proto/defs.ts';
import type { KeyValue, SingleMessageMetadata } from '../proto/types.ts';
import { Writer } from '../proto/writer.ts';

export interface Callbacks {
  resolve: (id: MessageId) => void;
  reject: (e: Error) => void;
}

/** One message ready to send: the value already encoded. */
export interface PreparedMessage {
  payload: Uint8Array;
  key: string | undefined;
  properties: KeyValue[] | undefined;
  eventTime: number | undefined;
  sequenceId: number;
}

export interface Batch {
  /** repeat([4-byte size][SingleMessageMetadata][payload]) — the batch layout of the binary protocol. */
  payload: Buffer;
  count: number;
  firstSequenceId: number;
  lastSequenceId: number;
  key: string | undefined;
  callbacks: Callbacks[];
}

/**
 * Accumulates messages into one batch payload, written in place as they arrive. When `keyBased`, a batch
 * holds a single key, so Key_Shared dispatch (which routes a whole entry by one key) keeps per-key order.
 */
export class BatchBuilder {
  private readonly w = new Writer(256 * 1024);
  private callbacks: Callbacks[] = [];
  private firstSequenceId = 0;
  private lastSequenceId = 0;
  private currentKey: string | undefined;
  private size = 0;
  /** The batch's first message, kept so that a batch of one can go out as a plain message. */
  private firstMessage: { message: PreparedMessage; callbacks: Callbacks } | undefined;

  get count(): number {
    return this.callbacks.length;
  }

  get bytes(): number {
    return this.size;
  }

  /** True when `m` may join the current batch (same key when key-based). */
  accepts(m: PreparedMessage, keyBased: boolean): boolean {
    return this.count === 0 || !keyBased || m.key === this.currentKey;
  }

  add(m: PreparedMessage, cb: Callbacks): void {
    const w = this.w;
    if (this.count === 0) {
      w.begin(64 * 1024);
      this.firstSequenceId = m.sequenceId;
      this.currentKey = m.key;
      this.firstMessage = { message: m, callbacks: cb };
    }
    const smm: SingleMessageMetadata = { payloadSize: m.payload.length, sequenceId: m.sequenceId };
    if (m.key !== undefined) smm.partitionKey = m.key;
    if (m.properties) smm.properties = m.properties;
    if (m.eventTime) smm.eventTime = m.eventTime;
    const mark = w.beginSize32();
    encodeMessage(w, SingleMetadataDef, smm);
    w.endSize32(mark);
    w.raw(m.payload);
    this.size = w.pos - mark + this.size;
    this.lastSequenceId = m.sequenceId;
    this.callbacks.push(cb);
  }

  /**
   * The batch so far, emptying the builder; a batch of one message comes back as that message (`single`):
   * sent unbatched it spares the broker and every consumer the batch envelope and its tracking.
   */
  takeOrSingle(): { batch: Batch } | { single: { message: PreparedMessage; callbacks: Callbacks } } {
    const first = this.firstMessage;
    const batch = this.take();
    return batch.count === 1 && first ? { single: first } : { batch };
  }

  take(): Batch {
    this.firstMessage = undefined;
    const batch: Batch = {
      payload: this.w.finish(),
      count: this.callbacks.length,
      firstSequenceId: this.firstSequenceId,
      lastSequenceId: this.lastSequenceId,
      key: this.currentKey,
      callbacks: this.callbacks,
    };
    this.callbacks = [];
    this.size = 0;
    return batch;
  }
}

/** Reads a batch payload back into (metadata, payload) pairs; a member that runs past the payload is refused. */
export function* readBatch(
  payload: Buffer,
  count: number,
  decode: (buf: Buffer, start: number, end: number) => SingleMessageMetadata,
): Generator<[SingleMessageMetadata, Buffer]> {
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const end = pos + 4 + (pos + 4 <= payload.length ? payload.readUInt32BE(pos) : 0);
    if (pos + 4 > payload.length || end > payload.length) throw cutOff(i, count);
    const meta = decode(payload, pos + 4, end);
    pos = end;
    if (!(meta.payloadSize >= 0) || pos + meta.payloadSize > payload.length) throw cutOff(i, count);
    const body = payload.subarray(pos, pos + meta.payloadSize);
    pos += meta.payloadSize;
    yield [meta, body];
  }
}

function cutOff(index: number, count: number): PulsarError {
  return new PulsarError('ProtocolError', `batch member ${index} of ${count} runs past the payload`);
}

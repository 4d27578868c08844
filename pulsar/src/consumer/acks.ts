import type { MessageId } from '../messageId.ts';
import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand, MessageIdData } from '../proto/types.ts';

const INDIVIDUAL = 0;
const CUMULATIVE = 1;

/** Which messages of one batch entry are still unacked (bit set = unacked, as the protocol's ack_set). */
export class BatchTracker {
  readonly size: number;
  remaining: number;
  private readonly bits: Uint8Array;

  constructor(size: number, ackSet: bigint[] | undefined) {
    this.size = size;
    this.bits = new Uint8Array(size).fill(1);
    if (ackSet) for (let i = 0; i < size; i++) this.bits[i] = ((ackSet[i >> 6] ?? 0n) >> BigInt(i & 63)) & 1n ? 1 : 0;
    this.remaining = this.bits.reduce((a, b) => a + b, 0);
  }

  isAcked(index: number): boolean {
    return this.bits[index] === 0;
  }

  /** Marks `index` (or every index ≤ it) acked; true when the whole entry is now acked. */
  ack(index: number, upTo = false): boolean {
    for (let i = upTo ? 0 : index; i <= index; i++) {
      if (this.bits[i] === 1) this.remaining--;
      this.bits[i] = 0;
    }
    return this.remaining === 0;
  }

  ackSet(): bigint[] {
    const words = new Array<bigint>(Math.ceil(this.size / 64)).fill(0n);
    for (let i = 0; i < this.size; i++)
      if (this.bits[i]) words[i >> 6] = (words[i >> 6] as bigint) | (1n << BigInt(i & 63));
    return words.map((w) => BigInt.asIntN(64, w));
  }
}

/**
 * Collects acks and sends them as one ACK command per event-loop turn. A message of a batch is acked on the
 * broker once every message of its entry is acked, or at once with an ack_set when `batchIndexAck` is on.
 */
export class Acker {
  private readonly trackers = new Map<string, BatchTracker>();
  private pending: MessageIdData[] = [];
  private scheduled = false;
  private readonly send: (cmd: BaseCommand) => void;
  private readonly consumerId: number;
  private readonly batchIndexAck: boolean;

  constructor(consumerId: number, batchIndexAck: boolean, send: (cmd: BaseCommand) => void) {
    this.consumerId = consumerId;
    this.batchIndexAck = batchIndexAck;
    this.send = send;
  }

  /** The tracker of a batch entry, kept across redeliveries so already-acked indices are skipped. */
  tracker(ledgerId: number, entryId: number, size: number, ackSet: bigint[] | undefined): BatchTracker {
    const k = `${ledgerId}:${entryId}`;
    let t = this.trackers.get(k);
    if (!t) this.trackers.set(k, (t = new BatchTracker(size, ackSet)));
    return t;
  }

  ack(id: MessageId, batch: BatchTracker | undefined): void {
    const data: MessageIdData = { ledgerId: id.ledgerId, entryId: id.entryId };
    if (batch && !batch.ack(id.batchIndex)) {
      if (!this.batchIndexAck) return;
      data.ackSet = batch.ackSet();
    } else if (batch) this.trackers.delete(`${id.ledgerId}:${id.entryId}`);
    this.pending.push(data);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Cumulative ack; inside a batch without batch-index acks, only up to the previous entry. */
  ackCumulative(id: MessageId, batch: BatchTracker | undefined): void {
    this.flush();
    let data: MessageIdData = { ledgerId: id.ledgerId, entryId: id.entryId };
    if (batch && !batch.ack(id.batchIndex, true)) {
      if (this.batchIndexAck) data.ackSet = batch.ackSet();
      else if (id.entryId > 0) data = { ledgerId: id.ledgerId, entryId: id.entryId - 1 };
      else return;
    }
    for (const [k, t] of this.trackers) if (isBefore(k, id) && (t.remaining = 0) === 0) this.trackers.delete(k);
    this.send({ type: T.ACK, ack: { consumerId: this.consumerId, ackType: CUMULATIVE, messageId: [data] } });
  }

  flush(): void {
    this.scheduled = false;
    if (!this.pending.length) return;
    const messageId = this.pending;
    this.pending = [];
    this.send({ type: T.ACK, ack: { consumerId: this.consumerId, ackType: INDIVIDUAL, messageId } });
  }
}

function isBefore(key: string, id: MessageId): boolean {
  const [l, e] = key.split(':').map(Number) as [number, number];
  return l < id.ledgerId || (l === id.ledgerId && e < id.entryId);
}

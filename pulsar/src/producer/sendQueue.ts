import { Deque } from '../deque.ts';
import { PulsarError } from '../errors.ts';
import { messageId } from '../messageId.ts';
import type { BaseCommand } from '../proto/types.ts';
import type { Callbacks } from './batch.ts';

/** One SEND frame in flight: a single message or a batch, kept (encoded) until its receipt, for resends. */
export interface OpSend {
  sequenceId: number;
  highestSequenceId: number;
  frame: Buffer;
  callbacks: Callbacks[];
  batched: boolean;
  deadline: number;
}

type Receipt = NonNullable<BaseCommand['sendReceipt']>;

/** Pending sends in sequence order; receipts settle them from the head. */
export class SendQueue {
  private readonly ops = new Deque<OpSend>();
  private waiters: { seq: number; resolve: () => void }[] = [];
  private readonly partition: number;

  constructor(partition: number) {
    this.partition = partition;
  }

  get length(): number {
    return this.ops.length;
  }

  push(op: OpSend): void {
    this.ops.push(op);
  }

  [Symbol.iterator](): IterableIterator<OpSend> {
    return this.ops[Symbol.iterator]();
  }

  /** 'stale': a receipt for an op that already timed out; 'gap': the broker skipped the head (resync). */
  receipt(r: Receipt): 'ok' | 'stale' | 'gap' {
    const op = this.ops.peek();
    if (!op || r.sequenceId < op.sequenceId) return 'stale';
    if (r.sequenceId > op.sequenceId) return 'gap';
    this.ops.shift();
    const ledger = Number(r.messageId?.ledgerId ?? -1);
    const entry = Number(r.messageId?.entryId ?? -1);
    const cbs = op.callbacks;
    if (!op.batched) (cbs[0] as Callbacks).resolve(messageId(ledger, entry, this.partition, -1));
    else
      for (let i = 0; i < cbs.length; i++) (cbs[i] as Callbacks).resolve(messageId(ledger, entry, this.partition, i));
    this.settled(op.highestSequenceId);
    return 'ok';
  }

  failHead(e: Error): void {
    const op = this.ops.shift();
    if (!op) return;
    for (const cb of op.callbacks) cb.reject(e);
    this.settled(op.highestSequenceId);
  }

  failAll(e: Error): void {
    while (this.ops.length) this.failHead(e);
    this.releaseWaiters();
  }

  /** Fails the ops whose send timeout passed (oldest first: the queue is in creation order). */
  expire(now: number, topic: string, timeoutMs: number): void {
    for (let op = this.ops.peek(); op && op.deadline <= now; op = this.ops.peek()) {
      this.failHead(
        new PulsarError(
          'Timeout',
          `send to ${topic} got no receipt within ${timeoutMs} ms (sequence id ${op.sequenceId})`,
        ),
      );
    }
  }

  /** Resolves once every op queued now is settled (receipt, error or timeout). */
  drained(): Promise<void> {
    let last: OpSend | undefined;
    for (const op of this.ops) last = op;
    if (!last) return Promise.resolve();
    const seq = last.highestSequenceId;
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private settled(seq: number): void {
    if (!this.waiters.length) return;
    if (!this.ops.length) return this.releaseWaiters();
    const keep = this.waiters.filter((w) => w.seq > seq);
    for (const w of this.waiters) if (w.seq <= seq) w.resolve();
    this.waiters = keep;
  }

  private releaseWaiters(): void {
    const all = this.waiters;
    this.waiters = [];
    for (const w of all) w.resolve();
  }
}

import type { Connection, Listener } from '../connection/connection.ts';
import { connectionFor } from '../context.ts';
import type { ClientContext } from '../context.ts';
import { PulsarError, serverErrorCode } from '../errors.ts';
import type { Frame } from '../frame.ts';
import type { MessageId } from '../messageId.ts';
import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand, KeyValue } from '../proto/types.ts';
import { Writer } from '../proto/writer.ts';
import { Reconnector } from '../reconnector.ts';
import { BatchBuilder } from './batch.ts';
import type { Callbacks, PreparedMessage } from './batch.ts';
import { buildBatchOp, buildSingleOp } from './ops.ts';
import { SendQueue } from './sendQueue.ts';
import type { OpSend } from './sendQueue.ts';
import type { OutgoingMessage, ProducerAccessMode, ProducerOptions } from './types.ts';

/** ProducerAccessMode of PulsarApi.proto. */
const ACCESS_MODES: Record<ProducerAccessMode, number> = {
  Shared: 0,
  Exclusive: 1,
  WaitForExclusive: 2,
  ExclusiveWithFencing: 3,
};

export interface ResolvedBatching {
  maxDelayMs: number;
  maxMessages: number;
  maxBytes: number;
  keyBased: boolean;
}

export interface PartitionProducerOptions<T> extends ProducerOptions<T> {
  partition: number;
  resolvedBatching: ResolvedBatching | undefined;
}

/** A producer on one (non-partitioned or partition) topic: sends, receipts, reconnects and resends. */
export class PartitionProducer<T> implements Listener {
  readonly id: number;
  producerName: string;
  lastSequenceId = -1;
  schemaVersion: Uint8Array | undefined;
  private conn: Connection | undefined;
  private nextSequenceId = -1;
  private epoch = 0;
  private closed = false;
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly sweepTimer: NodeJS.Timeout | undefined;
  private readonly queue: SendQueue;
  private readonly batch = new BatchBuilder();
  private readonly scratch = new Writer();
  readonly frames = new Writer();
  private readonly reconnector: Reconnector;
  private readonly ctx: ClientContext;
  readonly opts: PartitionProducerOptions<T>;

  constructor(ctx: ClientContext, opts: PartitionProducerOptions<T>) {
    this.ctx = ctx;
    this.opts = opts;
    this.id = ctx.newId();
    this.producerName = opts.producerName ?? '';
    this.queue = new SendQueue(opts.partition);
    this.reconnector = new Reconnector(ctx, `producer on ${opts.topic}`, {
      connect: () => this.connect(),
      onFatal: (e) => this.failed(e),
      isConnected: () => this.conn !== undefined && !this.conn.closed,
    });
    const timeout = opts.sendTimeoutMs ?? 30_000;
    if (timeout > 0) {
      this.sweepTimer = setInterval(
        () => this.queue.expire(Date.now(), opts.topic, timeout),
        Math.min(1000, Math.max(10, timeout / 4)),
      );
      this.sweepTimer.unref();
    }
  }

  start(): Promise<void> {
    return this.reconnector.start();
  }

  send(m: OutgoingMessage<T>): Promise<MessageId> {
    if (this.closed)
      return Promise.reject(new PulsarError('AlreadyClosed', `producer on ${this.opts.topic} is closed`));
    let p: PreparedMessage;
    try {
      p = this.prepare(m);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    return new Promise((resolve, reject) => this.enqueue(p, { resolve, reject }));
  }

  async flush(): Promise<void> {
    this.flushBatch();
    await this.queue.drained();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.reconnector.stop();
    const conn = this.conn;
    this.conn = undefined;
    this.queue.failAll(new PulsarError('AlreadyClosed', `producer on ${this.opts.topic} was closed`));
    if (!conn || conn.closed) return;
    conn.removeProducer(this.id);
    const requestId = conn.newRequestId();
    await conn
      .request(
        { type: T.CLOSE_PRODUCER, closeProducer: { producerId: this.id, requestId } },
        requestId,
        'close producer',
      )
      .catch(() => {});
  }

  onFrame(f: Frame): void {
    const c = f.command;
    if (c.sendReceipt) this.onReceipt(c.sendReceipt);
    else if (c.sendError) this.onSendError(c.sendError);
  }

  onDisconnect(reason: string): void {
    this.conn = undefined;
    if (!this.closed) this.reconnector.trigger(reason);
  }

  private async connect(): Promise<void> {
    const conn = await connectionFor(this.ctx, this.opts.topic);
    const requestId = conn.newRequestId();
    conn.addProducer(this.id, this);
    try {
      const res = await conn.request(
        this.producerCommand(requestId),
        requestId,
        `create producer on ${this.opts.topic}`,
      );
      const ok = res.producerSuccess as NonNullable<BaseCommand['producerSuccess']>;
      this.producerName = ok.producerName;
      this.schemaVersion = ok.schemaVersion?.length ? ok.schemaVersion : undefined;
      this.lastSequenceId = Math.max(this.lastSequenceId, ok.lastSequenceId ?? -1);
      if (this.nextSequenceId < 0) this.nextSequenceId = this.lastSequenceId + 1;
    } catch (e) {
      conn.removeProducer(this.id);
      // A timed-out request may still succeed on the broker: a producer left registered there under this name
      // keeps every other with the name out ("already connected") for as long as this connection lives —
      // a relay that stood by kept its successor's producers out. Undone at once (harmless if nothing was made).
      conn.command({ type: T.CLOSE_PRODUCER, closeProducer: { producerId: this.id, requestId: conn.newRequestId() } });
      throw e;
    }
    if (conn.closed)
      throw new PulsarError('NotConnected', `connection lost while creating producer on ${this.opts.topic}`);
    this.conn = conn;
    for (const op of this.queue) conn.write(op.frame);
  }

  private producerCommand(requestId: number): BaseCommand {
    const o = this.opts;
    const metadata: KeyValue[] = Object.entries(o.metadata ?? {}).map(([key, value]) => ({ key, value }));
    return {
      type: T.PRODUCER,
      producer: {
        topic: o.topic,
        producerId: this.id,
        requestId,
        producerName: this.producerName || undefined,
        schema: o.schema.proto,
        epoch: this.epoch++,
        userProvidedProducerName: o.producerName !== undefined,
        metadata,
        initialSubscriptionName: o.initialSubscription,
        producerAccessMode: o.accessMode === undefined ? undefined : ACCESS_MODES[o.accessMode],
      },
    };
  }

  private failed(e: PulsarError): void {
    this.ctx.logger.error(
      { topic: this.opts.topic, code: e.code, err: e.message },
      'pulsar producer failed permanently',
    );
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.queue.failAll(e);
  }

  private prepare(m: OutgoingMessage<T>): PreparedMessage {
    const w = this.scratch;
    w.begin(1024);
    this.opts.schema.encodeTo(m.value, w);
    const payload = w.finish();
    const seq = m.sequenceId ?? this.nextSequenceId;
    this.nextSequenceId = seq + 1;
    const eventTime = m.eventTime instanceof Date ? m.eventTime.getTime() : m.eventTime;
    const properties = m.properties ? Object.entries(m.properties).map(([key, value]) => ({ key, value })) : undefined;
    return { payload, key: m.key, properties, eventTime, sequenceId: seq };
  }

  private enqueue(p: PreparedMessage, cb: Callbacks): void {
    const b = this.opts.resolvedBatching;
    if (p.payload.length > (this.conn?.maxMessageSize ?? 5 * 1024 * 1024)) {
      return cb.reject(
        new PulsarError(
          'MessageTooBig',
          `message of ${p.payload.length} bytes exceeds the broker's maximum message size`,
        ),
      );
    }
    if (!b || p.payload.length >= b.maxBytes) {
      this.flushBatch();
      return this.push(buildSingleOp(this, p, cb));
    }
    if (!this.batch.accepts(p, b.keyBased)) this.flushBatch();
    this.batch.add(p, cb);
    if (this.batch.count >= b.maxMessages || this.batch.bytes >= b.maxBytes) this.flushBatch();
    else this.batchTimer ??= setTimeout(() => this.flushBatch(), b.maxDelayMs);
  }

  private flushBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.batch.count === 0) return;
    const taken = this.batch.takeOrSingle();
    this.push(
      'single' in taken
        ? buildSingleOp(this, taken.single.message, taken.single.callbacks)
        : buildBatchOp(this, taken.batch),
    );
  }

  private push(op: OpSend): void {
    this.queue.push(op);
    this.conn?.write(op.frame);
  }

  private onReceipt(r: NonNullable<BaseCommand['sendReceipt']>): void {
    const result = this.queue.receipt(r);
    if (result === 'ok') this.lastSequenceId = Math.max(this.lastSequenceId, r.sequenceId, r.highestSequenceId ?? -1);
    if (result === 'gap')
      this.conn?.close(`receipt for sequence id ${r.sequenceId} skipped pending messages; resending`);
  }

  private onSendError(e: NonNullable<BaseCommand['sendError']>): void {
    const code = serverErrorCode(e.error);
    const err = new PulsarError(code, `send to ${this.opts.topic} failed: ${e.message}`);
    if (code === 'ChecksumError') return this.queue.failHead(err);
    if (code === 'TopicTerminated' || code === 'NotAllowed') return this.queue.failAll(err);
    this.conn?.close(`send error ${code}; reconnecting to resend`);
  }
}

import type { Connection, Listener } from '../connection/connection.ts';
import { connectionFor, type ClientContext } from '../context.ts';
import { PulsarError } from '../errors.ts';
import type { Frame } from '../frame.ts';
import { toIdData, type MessageId } from '../messageId.ts';
import { CommandType as T, type BaseCommand, type MessageIdData } from '../proto/types.ts';
import { Reconnector } from '../reconnector.ts';
import type { Schema } from '../schema.ts';
import { Acker } from './acks.ts';
import type { ReceivedMessage, MessageOwner } from './message.ts';
import { NackTracker, nackDelay } from './nackTracker.ts';
import { unpack } from './unpack.ts';
import { permitsOf, unopenedEntry } from './unopenedEntry.ts';
import type { UnopenedEntry } from './deadLetter.ts';
import { SUB_TYPES, type SubscriptionType } from './types.ts';

export interface PartitionConsumerOptions<T> {
  topic: string;
  partition: number;
  subscription: string;
  type: SubscriptionType;
  initialPosition: number;
  schema: Schema<T>;
  consumerName: string;
  receiverQueueSize: number;
  nackRedeliveryDelayMs: number;
  /** Each redelivery waits `multiplier` times longer, up to `maxDelayMs`. */
  nackBackoff: { multiplier: number; maxDelayMs: number } | undefined;
  batchIndexAck: boolean;
  readCompacted: boolean;
  /** Reader: a non-durable subscription from this position. */
  start?: { id: MessageIdData; skipUntil?: { id: MessageId; inclusive: boolean } };
}

const MAX_FLOW = 2 ** 31 - 1;

/** What the owning consumer provides: the shared queue and dead-lettering. */
export interface ConsumerSink<T> {
  push(m: ReceivedMessage<T>): void;
  removeOwnedBy(owner: unknown): number;
  /** Returns true when it took over the message (sent to the dead-letter topic). */
  deadLetter(m: ReceivedMessage<T>): boolean;
  /** Publishes an entry that could not be opened to the dead-letter topic, with its reason. */
  deadLetterEntry(entry: UnopenedEntry, reason: string): Promise<void>;
  /** This partition stopped for good (a non-retryable error while reconnecting). */
  failed(error: PulsarError): void;
}

/** A consumer on one (partition) topic: subscribe, flow permits, acks, nacks, reconnects. */
export class PartitionConsumer<T> implements Listener, MessageOwner<T> {
  readonly id: number;
  readonly opts: PartitionConsumerOptions<T>;
  conn: Connection | undefined;
  isActive = false;
  reachedEndOfTopic = false;
  private permits = 0;
  private epoch = 0;
  private closed = false;
  private lastTaken: MessageId | undefined;
  private readonly acker: Acker;
  private readonly nacks: NackTracker;
  private readonly reconnector: Reconnector;
  private readonly ctx: ClientContext;
  private readonly sink: ConsumerSink<T>;

  constructor(ctx: ClientContext, opts: PartitionConsumerOptions<T>, sink: ConsumerSink<T>) {
    this.ctx = ctx;
    this.opts = opts;
    this.sink = sink;
    this.id = ctx.newId();
    this.acker = new Acker(this.id, opts.batchIndexAck, (cmd) => this.conn?.command(cmd));
    this.nacks = new NackTracker((ids) => this.redeliver(ids));
    this.reconnector = new Reconnector(ctx, `consumer ${opts.subscription} on ${opts.topic}`, {
      connect: () => this.connect(),
      onFatal: (e) => this.failed(e),
      isConnected: () => this.conn !== undefined && !this.conn.closed,
    });
  }

  start(): Promise<void> {
    return this.reconnector.start();
  }

  /**
   * A reader that started at 'latest' learned where that was: until it takes a message, a reconnect resumes
   * after `id` rather than at the broker's latest again (which would skip whatever was published meanwhile).
   */
  resumeAfter(id: MessageId): void {
    this.lastTaken ??= id;
  }

  /** Called when the application took `m` from the queue: one permit back, sent in half-queue FLOWs. */
  messageTaken(m: ReceivedMessage<T>): void {
    this.lastTaken = m.messageId;
    this.addPermits(1);
  }

  ack(m: ReceivedMessage<T>): void {
    this.acker.ack(m.messageId, m.batch);
  }

  ackCumulative(m: ReceivedMessage<T>): void {
    if (this.opts.type === 'Shared' || this.opts.type === 'Key_Shared') {
      throw new PulsarError('NotAllowed', `cumulative ack is not allowed on ${this.opts.type} subscriptions`);
    }
    this.acker.ackCumulative(m.messageId, m.batch);
  }

  nack(m: ReceivedMessage<T>): void {
    if (!this.sink.deadLetter(m)) this.redeliverLater(m);
  }

  redeliverLater(m: ReceivedMessage<T>): void {
    this.nacks.add(
      { ledgerId: m.messageId.ledgerId, entryId: m.messageId.entryId },
      nackDelay(this.opts, m.redeliveryCount),
    );
  }

  onFrame(f: Frame): void {
    const c = f.command;
    if (c.message) this.onMessage(f, c.message);
    else if (c.activeConsumerChange) this.isActive = c.activeConsumerChange.isActive ?? false;
    else if (c.reachedEndOfTopic) this.reachedEndOfTopic = true;
  }

  onDisconnect(reason: string): void {
    this.conn = undefined;
    this.sink.removeOwnedBy(this);
    if (!this.closed) this.reconnector.trigger(reason);
  }

  async request(cmd: BaseCommand, requestId: number, what: string): Promise<BaseCommand> {
    const conn = this.conn;
    if (!conn) throw new PulsarError('NotConnected', `${what}: consumer on ${this.opts.topic} is reconnecting`);
    return conn.request(cmd, requestId, what);
  }

  async close(unsubscribe = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reconnector.stop();
    this.nacks.close();
    this.acker.flush();
    const conn = this.conn;
    if (!conn || conn.closed) return;
    const requestId = conn.newRequestId();
    const cmd: BaseCommand = unsubscribe
      ? { type: T.UNSUBSCRIBE, unsubscribe: { consumerId: this.id, requestId } }
      : { type: T.CLOSE_CONSUMER, closeConsumer: { consumerId: this.id, requestId } };
    try {
      await conn.request(cmd, requestId, unsubscribe ? 'unsubscribe' : 'close consumer');
    } finally {
      conn.removeConsumer(this.id);
      this.conn = undefined;
    }
  }

  private async connect(): Promise<void> {
    const conn = await connectionFor(this.ctx, this.opts.topic);
    const requestId = conn.newRequestId();
    conn.addConsumer(this.id, this);
    try {
      await conn.request(
        this.subscribeCommand(requestId),
        requestId,
        `subscribe ${this.opts.subscription} on ${this.opts.topic}`,
      );
    } catch (e) {
      conn.removeConsumer(this.id);
      // As for a producer: a subscribe that timed out here may have succeeded on the broker (an exclusive
      // subscription would then stay taken by a consumer nobody reads). Undone at once.
      conn.command({ type: T.CLOSE_CONSUMER, closeConsumer: { consumerId: this.id, requestId: conn.newRequestId() } });
      throw e;
    }
    if (conn.closed) throw new PulsarError('NotConnected', `connection lost while subscribing to ${this.opts.topic}`);
    this.conn = conn;
    this.permits = 0;
    conn.command({ type: T.FLOW, flow: { consumerId: this.id, messagePermits: this.opts.receiverQueueSize } });
  }

  private subscribeCommand(requestId: number): BaseCommand {
    const o = this.opts;
    const startId = o.start && this.lastTaken ? toIdData(this.lastTaken) : o.start?.id;
    return {
      type: T.SUBSCRIBE,
      subscribe: {
        topic: o.topic,
        subscription: o.subscription,
        subType: SUB_TYPES[o.type],
        consumerId: this.id,
        requestId,
        consumerName: o.consumerName,
        durable: o.start === undefined,
        startMessageId: startId,
        schema: o.schema.proto,
        initialPosition: o.initialPosition,
        readCompacted: o.readCompacted || undefined,
        forceTopicCreation: true,
        keySharedMeta: o.type === 'Key_Shared' ? { keySharedMode: 0 } : undefined,
        consumerEpoch: this.epoch,
      },
    };
  }

  private onMessage(f: Frame, cmd: NonNullable<BaseCommand['message']>): void {
    if (cmd.consumerEpoch !== undefined && cmd.consumerEpoch < this.epoch) return this.addPermits(permitsOf(f));
    const o = this.opts;
    const skipUntil = this.lastTaken && o.start ? { id: this.lastTaken, inclusive: false } : o.start?.skipUntil;
    try {
      const { messages, skipped } = unpack(f, {
        topic: o.topic,
        partition: o.partition,
        schema: o.schema,
        owner: this,
        acker: this.acker,
        skipUntil,
        maxMessageSize: this.conn?.maxMessageSize ?? 5 * 1024 * 1024,
      });
      if (skipped) this.addPermits(skipped);
      for (const m of messages) this.sink.push(m);
    } catch (e) {
      this.poisoned(f, cmd, (e as Error).message);
    }
  }

  /**
   * An entry that cannot be opened goes to the dead-letter topic with its reason and is then acked; when that
   * publish fails it is redelivered later. (The Java client acks it away, and the message is lost.) A reader has
   * no dead-letter topic and skips it.
   */
  private poisoned(f: Frame, cmd: NonNullable<BaseCommand['message']>, reason: string): void {
    const entry = unopenedEntry(f, cmd, this.opts.topic, this.opts.partition);
    this.addPermits(permitsOf(f));
    this.ctx.logger.error(
      { topic: this.opts.topic, err: reason },
      this.opts.start ? 'pulsar entry skipped' : 'pulsar entry dead-lettered',
    );
    if (this.opts.start) return;
    this.sink.deadLetterEntry(entry, reason).then(
      () => this.acker.ack(entry.id, undefined),
      () => this.nacks.add({ ledgerId: entry.id.ledgerId, entryId: entry.id.entryId }, this.opts.nackRedeliveryDelayMs),
    );
  }

  private addPermits(n: number): void {
    this.permits += n;
    if (this.permits < Math.max(1, this.opts.receiverQueueSize >> 1) || !this.conn) return;
    // A FLOW carries a Java int on the broker: an entry that claimed 2^31 - 1 messages is paid back in parts.
    for (; this.permits > 0; this.permits -= Math.min(this.permits, MAX_FLOW)) {
      this.conn.command({
        type: T.FLOW,
        flow: { consumerId: this.id, messagePermits: Math.min(this.permits, MAX_FLOW) },
      });
    }
  }

  /** Shared/Key_Shared redeliver exactly these entries; other types can only redeliver everything unacked. */
  private redeliver(ids: MessageIdData[]): void {
    const conn = this.conn;
    if (!conn) return;
    if (this.opts.type === 'Shared' || this.opts.type === 'Key_Shared') {
      return conn.command({
        type: T.REDELIVER_UNACKNOWLEDGED_MESSAGES,
        redeliverUnacknowledgedMessages: { consumerId: this.id, messageIds: ids },
      });
    }
    this.epoch++;
    this.addPermits(this.sink.removeOwnedBy(this));
    conn.command({
      type: T.REDELIVER_UNACKNOWLEDGED_MESSAGES,
      redeliverUnacknowledgedMessages: { consumerId: this.id, consumerEpoch: this.epoch },
    });
  }

  private failed(e: PulsarError): void {
    this.ctx.logger.error(
      { topic: this.opts.topic, code: e.code, err: e.message },
      'pulsar consumer failed permanently',
    );
    this.closed = true;
    this.sink.failed(e);
  }
}

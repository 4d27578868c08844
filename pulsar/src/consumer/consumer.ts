import { randomBytes } from 'node:crypto';
import type { ClientContext } from '../context.ts';
import { partitionsOf } from '../context.ts';
import { isPulsarError, type PulsarError } from '../errors.ts';
import { fullTopicName, partitionTopic } from '../topicName.ts';
import { DeadLetter } from './deadLetter.ts';
import type { UnopenedEntry } from './deadLetter.ts';
import type { ReceivedMessage } from './message.ts';
import { MessageQueue } from './messageQueue.ts';
import { PartitionConsumer } from './partitionConsumer.ts';
import type { ConsumerSink, PartitionConsumerOptions } from './partitionConsumer.ts';
import type { Consumer, ConsumerOptions, Message } from './types.ts';
import { WriterSchemas } from './writerSchemas.ts';

type Base<T> = Omit<PartitionConsumerOptions<T>, 'topic' | 'partition'>;

/** Subscribes to every partition of `opts.topic` (or the topic itself) and runs the handler, if any. */
export async function createConsumer<T>(
  ctx: ClientContext,
  opts: ConsumerOptions<T>,
  start?: PartitionConsumerOptions<T>['start'],
): Promise<MultiConsumer<T>> {
  const topic = fullTopicName(opts.topic);
  const base: Base<T> = {
    subscription: opts.subscription,
    type: opts.type ?? 'Exclusive',
    initialPosition: opts.initialPosition === 'Earliest' ? 1 : 0,
    schema: opts.schema,
    consumerName: opts.consumerName ?? randomBytes(5).toString('hex'),
    receiverQueueSize: opts.receiverQueueSize ?? 1000,
    nackRedeliveryDelayMs: opts.nackRedeliveryDelayMs ?? 60_000,
    nackBackoff: opts.nackBackoff,
    batchIndexAck: opts.batchIndexAck ?? false,
    readCompacted: opts.readCompacted ?? false,
    start,
  };
  const partitions = await partitionsOf(ctx, topic);
  const consumer = new MultiConsumer<T>(ctx, topic, opts);
  await consumer.subscribeAll(base, partitions);
  if (opts.handler) consumer.runHandler(opts.handler, opts.concurrency ?? 1, opts.orderByKey ?? true);
  return consumer;
}

export class MultiConsumer<T> implements Consumer<T>, ConsumerSink<T> {
  readonly topic: string;
  readonly subscription: string;
  readonly parts: PartitionConsumer<T>[] = [];
  private readonly queue = new MessageQueue<T>();
  private readonly schemas: WriterSchemas;
  private readonly deadLetters: DeadLetter<T>;
  private readonly ctx: ClientContext;
  private readonly opts: ConsumerOptions<T>;
  private closed = false;
  failure: PulsarError | undefined;
  private untrack: () => void = () => {};
  private workers: Promise<void>[] = [];

  constructor(ctx: ClientContext, topic: string, opts: ConsumerOptions<T>) {
    this.ctx = ctx;
    this.topic = topic;
    this.opts = opts;
    this.subscription = opts.subscription;
    this.schemas = new WriterSchemas(topic, opts.schema.kind);
    // Always there: without `deadLetter` options nothing is nacked to it, but an entry that cannot be opened is.
    this.deadLetters = new DeadLetter(ctx, topic, opts);
  }

  async subscribeAll(base: Base<T>, partitions: number): Promise<void> {
    const topics =
      partitions === 0 ? [this.topic] : Array.from({ length: partitions }, (_, i) => partitionTopic(this.topic, i));
    topics.forEach((t, i) =>
      this.parts.push(
        new PartitionConsumer(this.ctx, { ...base, topic: t, partition: partitions === 0 ? -1 : i }, this),
      ),
    );
    const started = await Promise.allSettled(this.parts.map((p) => p.start()));
    const failure = started.find((r) => r.status === 'rejected');
    if (failure) {
      await this.close().catch(() => {});
      throw failure.reason;
    }
    this.untrack = this.ctx.track(this);
  }

  get isActive(): boolean {
    return this.parts.some((p) => p.isActive);
  }

  async receive(timeoutMs?: number): Promise<Message<T>> {
    const m = await this.queue.take(timeoutMs);
    const owner = m.owner as PartitionConsumer<T>;
    owner.messageTaken(m);
    const fetching = this.schemas.prepare(m as ReceivedMessage<unknown>, owner.conn);
    if (fetching) await fetching;
    return m;
  }

  push(m: ReceivedMessage<T>): void {
    this.queue.push(m);
  }

  removeOwnedBy(owner: unknown): number {
    return this.queue.removeOwnedBy(owner);
  }

  deadLetter(m: ReceivedMessage<T>): boolean {
    return this.deadLetters.take(m);
  }

  deadLetterEntry(entry: UnopenedEntry, reason: string): Promise<void> {
    return this.deadLetters.entry(entry, reason);
  }

  failed(error: PulsarError): void {
    this.failure ??= error;
  }

  runHandler(handler: (m: Message<T>) => Promise<void>, concurrency: number, orderByKey: boolean): void {
    if (orderByKey && concurrency > 1) {
      this.workers.push(this.dispatchByKey(handler, concurrency));
      return;
    }
    for (let i = 0; i < concurrency; i++) this.workers.push(this.work(handler));
  }

  private async work(handler: (m: Message<T>) => Promise<void>): Promise<void> {
    while (!this.closed) {
      const m = await this.next();
      if (m === 'closed') return;
      if (m) await this.handleOne(handler, m);
    }
  }

  /**
   * Up to `concurrency` keys handled at once; a message whose key is being handled waits behind it (in
   * arrival order). Messages parked that way are bounded, so a hot key cannot drain the receiver queue.
   */
  private async dispatchByKey(handler: (m: Message<T>) => Promise<void>, concurrency: number): Promise<void> {
    const parked = new Map<string, Message<T>[]>();
    const inFlight = new Set<Promise<void>>();
    const maxHeld = concurrency * 8;
    let held = 0;
    let freed: (() => void) | undefined;
    const release = () => {
      held -= 1;
      freed?.();
    };
    const chain = async (key: string, first: Message<T>) => {
      for (let m: Message<T> | undefined = first; m; m = parked.get(key)?.shift()) {
        await this.handleOne(handler, m);
        release();
      }
      parked.delete(key);
    };
    while (!this.closed) {
      while (inFlight.size >= concurrency || held >= maxHeld) await new Promise<void>((resolve) => (freed = resolve));
      freed = undefined;
      const m = await this.next();
      if (m === 'closed') break;
      if (!m) continue;
      held += 1;
      const key = m.key;
      const queue = key === undefined ? undefined : parked.get(key);
      if (queue) {
        queue.push(m);
        continue;
      }
      const run: Promise<void> =
        key === undefined ? this.handleOne(handler, m).then(release) : (parked.set(key, []), chain(key, m));
      inFlight.add(run);
      void run.finally(() => {
        inFlight.delete(run);
        freed?.();
      });
    }
    await Promise.allSettled(inFlight);
  }

  /** The next message, undefined after a receive error (logged), 'closed' once the consumer closed. */
  private async next(): Promise<Message<T> | undefined | 'closed'> {
    try {
      return await this.receive();
    } catch (e) {
      if (isPulsarError(e, 'AlreadyClosed')) return 'closed';
      // A worker never dies: a lost worker would leave its next messages unacknowledged for good.
      this.ctx.logger.warn({ topic: this.topic, err: String(e) }, 'pulsar receive failed; going on');
      await new Promise((resolve) => setTimeout(resolve, 100));
      return undefined;
    }
  }

  /** Runs the handler: acked when it resolves, nacked (after `onHandlerError`) when it rejects. Never throws. */
  private async handleOne(handler: (m: Message<T>) => Promise<void>, m: Message<T>): Promise<void> {
    try {
      await handler(m);
      m.ack();
    } catch (e) {
      this.ctx.logger.warn(
        { topic: m.topic, messageId: m.messageId, err: String(e) },
        'pulsar handler failed; nacking',
      );
      try {
        this.opts.onHandlerError?.(e, m);
      } catch (hookError) {
        this.ctx.logger.warn({ topic: m.topic, err: String(hookError) }, 'onHandlerError threw; nacking anyway');
      }
      (m as ReceivedMessage<T>).failure = String(e);
      m.nack();
    }
  }

  async unsubscribe(): Promise<void> {
    await this.shutdown(true);
  }

  async close(): Promise<void> {
    await this.shutdown(false);
  }

  private async shutdown(unsubscribe: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.untrack();
    this.queue.close(`consumer ${this.subscription} on ${this.topic}`);
    await Promise.allSettled(this.workers);
    const results = await Promise.allSettled(this.parts.map((p) => p.close(unsubscribe)));
    await this.deadLetters.close();
    const failed = results.find((r) => r.status === 'rejected');
    if (failed && unsubscribe) throw failed.reason;
  }
}

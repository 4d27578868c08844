import type { ClientContext } from '../context.ts';
import { partitionsOf } from '../context.ts';
import { PulsarError } from '../errors.ts';
import type { MessageId } from '../messageId.ts';
import { fullTopicName, partitionTopic } from '../topicName.ts';
import { PartitionProducer } from './partitionProducer.ts';
import type { ResolvedBatching } from './partitionProducer.ts';
import type { OutgoingMessage, Producer, ProducerOptions } from './types.ts';

/** Java's String.hashCode() & Integer.MAX_VALUE (the Java client's default JavaStringHash), so partitions agree. */
export function javaStringHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0;
  return h & 0x7fffffff;
}

function resolveBatching(b: ProducerOptions<unknown>['batching']): ResolvedBatching | undefined {
  if (b === false) return undefined;
  return {
    maxDelayMs: b?.maxDelayMs ?? 1,
    maxMessages: b?.maxMessages ?? 1000,
    maxBytes: b?.maxBytes ?? 128 * 1024,
    keyBased: b?.keyBased ?? true,
  };
}

/** Creates a producer; on a partitioned topic one per partition, routing by key hash (round robin without key). */
export async function createProducer<T>(ctx: ClientContext, opts: ProducerOptions<T>): Promise<Producer<T>> {
  const topic = fullTopicName(opts.topic);
  const partitions = await partitionsOf(ctx, topic);
  const resolvedBatching = resolveBatching(opts.batching);
  const names = partitions === 0 ? [topic] : Array.from({ length: partitions }, (_, i) => partitionTopic(topic, i));
  const parts = names.map(
    (name, i) =>
      new PartitionProducer(ctx, {
        ...opts,
        topic: name,
        partition: partitions === 0 ? -1 : i,
        resolvedBatching,
      }),
  );
  const started = await Promise.allSettled(parts.map((p) => p.start()));
  const failure = started.find((r) => r.status === 'rejected');
  if (failure) {
    await Promise.allSettled(parts.map((p) => p.close()));
    throw failure.reason;
  }
  const producer = new RoutingProducer(topic, parts);
  producer.untrack = ctx.track(producer);
  return producer;
}

class RoutingProducer<T> implements Producer<T> {
  readonly topic: string;
  untrack: () => void = () => {};
  private readonly parts: PartitionProducer<T>[];
  private next = 0;
  private closed = false;

  constructor(topic: string, parts: PartitionProducer<T>[]) {
    this.topic = topic;
    this.parts = parts;
  }

  get producerName(): string {
    return (this.parts[0] as PartitionProducer<T>).producerName;
  }

  get lastSequenceId(): number {
    return Math.max(...this.parts.map((p) => p.lastSequenceId));
  }

  send(message: OutgoingMessage<T>): Promise<MessageId> {
    if (this.closed) return Promise.reject(new PulsarError('AlreadyClosed', `producer on ${this.topic} is closed`));
    const n = this.parts.length;
    if (n === 1) return (this.parts[0] as PartitionProducer<T>).send(message);
    const i = message.key !== undefined ? javaStringHash(message.key) % n : this.next++ % n;
    return (this.parts[i] as PartitionProducer<T>).send(message);
  }

  async flush(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.flush()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.untrack();
    await Promise.all(this.parts.map((p) => p.close()));
  }
}

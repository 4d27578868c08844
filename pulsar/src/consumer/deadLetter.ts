import type { ClientContext } from '../context.ts';
import { messageIdToString } from '../messageId.ts';
import { createProducer } from '../producer/producer.ts';
import type { Producer } from '../producer/types.ts';
import { Writer } from '../proto/writer.ts';
import type { Schema } from '../schema.ts';
import type { ReceivedMessage } from './message.ts';
import type { PartitionConsumer } from './partitionConsumer.ts';
import type { ConsumerOptions } from './types.ts';

/**
 * Client-side dead-lettering, as the Java client does it: a message nacked after `maxRedeliverCount`
 * redeliveries is published to the dead-letter topic (same key, properties plus REAL_TOPIC and
 * ORIGIN_MESSAGE_ID), then acked. If publishing fails, the message is redelivered as usual.
 */
export class DeadLetter<T> {
  private producer: Promise<Producer<Uint8Array>> | undefined;
  private readonly ctx: ClientContext;
  private readonly topic: string;
  private readonly max: number;
  private readonly opts: ConsumerOptions<T>;

  constructor(ctx: ClientContext, topic: string, opts: ConsumerOptions<T>) {
    this.ctx = ctx;
    this.opts = opts;
    this.max = opts.deadLetter?.maxRedeliverCount ?? Number.POSITIVE_INFINITY;
    this.topic = opts.deadLetter?.topic ?? `${topic}-${opts.subscription}-DLQ`;
  }

  /** True when `m` is past its redeliveries and is being dead-lettered. */
  take(m: ReceivedMessage<T>): boolean {
    if (m.redeliveryCount < this.max) return false;
    void this.forward(m);
    return true;
  }

  private async forward(m: ReceivedMessage<T>): Promise<void> {
    try {
      this.producer ??= createProducer(this.ctx, {
        topic: this.topic, schema: passThrough(this.opts.schema), batching: false,
        initialSubscription: this.opts.deadLetter?.initialSubscription ?? `${this.opts.subscription}-DLQ`,
      });
      const producer = await this.producer;
      const properties = { ...m.properties, REAL_TOPIC: m.topic, ORIGIN_MESSAGE_ID: messageIdToString(m.messageId) };
      await producer.send({ value: this.payloadOf(m), key: m.key, properties, eventTime: m.eventTime });
      m.ack();
    } catch (e) {
      this.producer = undefined;
      this.ctx.logger.error({ topic: this.topic, err: (e as Error).message }, 'pulsar dead-letter publish failed; redelivering');
      (m.owner as PartitionConsumer<T>).redeliverLater(m);
    }
  }

  /** Bytes in the reader schema: re-encoded when the message was written with another schema version. */
  private payloadOf(m: ReceivedMessage<T>): Uint8Array {
    const readerText = this.opts.schema.proto ? Buffer.from(this.opts.schema.proto.schemaData).toString() : undefined;
    if (m.writerDefinition === undefined || m.writerDefinition === readerText) return m.data;
    try {
      return encodeWith(this.opts.schema, m.value);
    } catch {
      return m.data;
    }
  }

  async close(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    if (p) await (await p).close().catch(() => {});
  }
}

function encodeWith<T>(schema: Schema<T>, value: T): Uint8Array {
  const w = new Writer(1024);
  w.begin();
  schema.encodeTo(value, w);
  return w.finish();
}

/** Registers the consumer's schema on the dead-letter topic but sends bytes as they are. */
function passThrough<T>(schema: Schema<T>): Schema<Uint8Array> {
  return { kind: schema.kind, proto: schema.proto, encodeTo: (v, w) => w.raw(v), decode: (b) => b };
}

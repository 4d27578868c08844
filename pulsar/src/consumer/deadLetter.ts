import type { ClientContext } from '../context.ts';
import { messageIdToString } from '../messageId.ts';
import { createProducer } from '../producer/producer.ts';
import type { Producer } from '../producer/types.ts';
import { Writer } from '../proto/writer.ts';
import type { Schema } from '../schema.ts';
import type { ReceivedMessage } from './message.ts';
import type { PartitionConsumer } from './partitionConsumer.ts';
import type { ConsumerOptions } from './types.ts';

/** Properties the project adds to a dead-lettered message, for operators and the `dlq` tool (issue 18). */
export const DEAD_LETTER_REASON = 'alpes-dead-letter-reason';
export const DEAD_LETTER_ORIGINAL_TOPIC = 'alpes-original-topic';
export const DEAD_LETTER_REDELIVERIES = 'alpes-redelivery-count';
const MAX_REASON_BYTES = 1024;

/**
 * Client-side dead-lettering, as the Java client does it: a message nacked after `maxRedeliverCount`
 * redeliveries is published to the dead-letter topic (same key, properties plus REAL_TOPIC and
 * ORIGIN_MESSAGE_ID, and ours: the last error, the topic to replay to, the redelivery count), then acked.
 * If publishing fails, the message is redelivered as usual.
 */
export class DeadLetter<T> {
  private producer: Promise<Producer<Uint8Array>> | undefined;
  private readonly ctx: ClientContext;
  private readonly topic: string;
  private readonly sourceTopic: string;
  private readonly max: number;
  private readonly opts: ConsumerOptions<T>;

  constructor(ctx: ClientContext, topic: string, opts: ConsumerOptions<T>) {
    this.ctx = ctx;
    this.opts = opts;
    this.sourceTopic = topic;
    this.max = opts.deadLetter?.maxRedeliverCount ?? Number.POSITIVE_INFINITY;
    this.topic = opts.deadLetter?.topic ?? `${topic}-${opts.subscription}-DLQ`;
  }

  /** True when `m` is past its redeliveries and is being dead-lettered. */
  take(m: ReceivedMessage<T>, reason?: string): boolean {
    if (m.redeliveryCount < this.max) return false;
    void this.forward(m, reason);
    return true;
  }

  private async forward(m: ReceivedMessage<T>, reason: string | undefined): Promise<void> {
    try {
      this.producer ??= createProducer(this.ctx, {
        topic: this.topic, schema: passThrough(this.opts.schema), batching: false,
        initialSubscription: this.opts.deadLetter?.initialSubscription ?? `${this.opts.subscription}-DLQ`,
      });
      const producer = await this.producer;
      const properties = {
        ...m.properties, REAL_TOPIC: m.topic, ORIGIN_MESSAGE_ID: messageIdToString(m.messageId),
        [DEAD_LETTER_REASON]: truncate(reason ?? 'unknown', MAX_REASON_BYTES), [DEAD_LETTER_ORIGINAL_TOPIC]: this.sourceTopic,
        [DEAD_LETTER_REDELIVERIES]: String(m.redeliveryCount),
      };
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

/** At most `max` UTF-8 bytes, cut on a character boundary. */
function truncate(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = Buffer.from(text).subarray(0, max).toString();
  while (Buffer.byteLength(out) > max || out.endsWith('\uFFFD')) out = out.slice(0, -1);
  return out;
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

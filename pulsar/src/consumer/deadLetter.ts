import type { ClientContext } from '../context.ts';
import { messageIdToString } from '../messageId.ts';
import type { MessageId } from '../messageId.ts';
import { createProducer } from '../producer/producer.ts';
import type { OutgoingMessage, Producer } from '../producer/types.ts';
import { Writer } from '../proto/writer.ts';
import type { Schema } from '../schema.ts';
import type { ReceivedMessage } from './message.ts';
import type { PartitionConsumer } from './partitionConsumer.ts';
import type { ConsumerOptions } from './types.ts';

/** Properties the project adds to a dead-lettered message, for operators and the `dlq` tool. */
export const DEAD_LETTER_REASON = 'alpes-dead-letter-reason';
export const DEAD_LETTER_ORIGINAL_TOPIC = 'alpes-original-topic';
export const DEAD_LETTER_REDELIVERIES = 'alpes-redelivery-count';
const MAX_REASON_BYTES = 1024;

/** An entry the consumer could not open (checksum, codec, bomb, batch count, chunk): its bytes as received. */
export interface UnopenedEntry {
  topic: string;
  id: MessageId;
  payload: Uint8Array;
  key: string | undefined;
  properties: Readonly<Record<string, string>>;
}

/**
 * Client-side dead-lettering, as the Java client does it: a message nacked after `maxRedeliverCount`
 * redeliveries is published to the dead-letter topic (same key, properties plus REAL_TOPIC and
 * ORIGIN_MESSAGE_ID), then acked. If publishing fails, the message is redelivered as usual. Every
 * dead-lettered message also says why (`alpes-dead-letter-reason`: the handler's last error, or why its entry
 * could not be opened), where a replay puts it back (`alpes-original-topic`, the topic as subscribed) and, for
 * a nacked message, after how many redeliveries (`alpes-redelivery-count`).
 */
export class DeadLetter<T> {
  private producer: Promise<Producer<Uint8Array>> | undefined;
  private readonly ctx: ClientContext;
  private readonly topic: string;
  private readonly max: number;
  private readonly opts: ConsumerOptions<T>;
  private readonly sourceTopic: string;

  constructor(ctx: ClientContext, topic: string, opts: ConsumerOptions<T>) {
    this.ctx = ctx;
    this.sourceTopic = topic;
    this.opts = opts;
    this.max = opts.deadLetter?.maxRedeliverCount ?? Number.POSITIVE_INFINITY;
    this.topic = opts.deadLetter?.topic ?? `${topic}-${opts.subscription}-DLQ`;
  }

  /** True when `m` is past its redeliveries and is being dead-lettered. */
  take(m: ReceivedMessage<T>, reason = lastFailure(m)): boolean {
    if (m.redeliveryCount < this.max) return false;
    void this.forward(m, reason);
    return true;
  }

  /** Publishes an entry that could not be opened; rejects when the publish fails (the caller redelivers it). */
  async entry(e: UnopenedEntry, reason: string): Promise<void> {
    await this.publish(
      { value: e.payload, key: e.key, properties: e.properties },
      { origin: e.topic, id: e.id, reason },
    );
  }

  private async forward(m: ReceivedMessage<T>, reason: string): Promise<void> {
    try {
      const properties = { ...m.properties, [DEAD_LETTER_REDELIVERIES]: String(m.redeliveryCount) };
      await this.publish(
        { value: this.payloadOf(m), key: m.key, properties, eventTime: m.eventTime },
        { origin: m.topic, id: m.messageId, reason },
      );
      m.ack();
    } catch {
      (m.owner as PartitionConsumer<T>).redeliverLater(m);
    }
  }

  private async publish(
    message: OutgoingMessage<Uint8Array>,
    { origin, id, reason }: { origin: string; id: MessageId; reason: string },
  ): Promise<void> {
    try {
      this.producer ??= createProducer(this.ctx, {
        topic: this.topic,
        schema: passThrough(this.opts.schema),
        batching: false,
        initialSubscription: this.opts.deadLetter?.initialSubscription ?? `${this.opts.subscription}-DLQ`,
      });
      const producer = await this.producer;
      const properties = {
        ...message.properties,
        REAL_TOPIC: origin,
        ORIGIN_MESSAGE_ID: messageIdToString(id),
        [DEAD_LETTER_REASON]: truncateUtf8(reason, MAX_REASON_BYTES),
        [DEAD_LETTER_ORIGINAL_TOPIC]: this.sourceTopic,
      };
      await producer.send({ ...message, properties });
    } catch (e) {
      this.producer = undefined;
      this.ctx.logger.error(
        { topic: this.topic, err: (e as Error).message },
        'pulsar dead-letter publish failed; redelivering',
      );
      throw e;
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

function truncateUtf8(text: string, maxBytes: number): string {
  let t = text.length > maxBytes ? text.slice(0, maxBytes) : text;
  while (Buffer.byteLength(t) > maxBytes) t = t.slice(0, -1);
  return t;
}

function lastFailure(m: ReceivedMessage<unknown>): string {
  const after = `after ${m.redeliveryCount} redeliveries`;
  return m.failure === undefined ? `nacked ${after}` : `handler failed ${after}: ${m.failure}`;
}

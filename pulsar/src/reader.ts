import { randomBytes } from 'node:crypto';
import { createConsumer } from './consumer/consumer.ts';
import type { MultiConsumer } from './consumer/consumer.ts';
import type { PartitionConsumer } from './consumer/partitionConsumer.ts';
import type { Message } from './consumer/types.ts';
import type { ClientContext } from './context.ts';
import { PulsarError } from './errors.ts';
import { compareMessageIds, EARLIEST_ID_DATA, fromIdData, LATEST_ID_DATA, toIdData } from './messageId.ts';
import type { MessageId } from './messageId.ts';
import { CommandType as T } from './proto/types.ts';
import type { Schema } from './schema.ts';

export interface ReaderOptions<T> {
  topic: string;
  /** 'earliest', 'latest' or a message id; on a partitioned topic only 'earliest' and 'latest'. */
  startMessageId: 'earliest' | 'latest' | MessageId;
  /** Deliver the start message itself too. Default false (start after it). */
  startMessageIdInclusive?: boolean;
  schema: Schema<T>;
  receiverQueueSize?: number;
  readerName?: string;
}

/** A non-durable, exclusive subscription: reads from a position, acks nothing, leaves no cursor behind. */
export interface Reader<T> extends AsyncIterable<Message<T>> {
  readonly topic: string;
  /** Next message; with `timeoutMs`, rejects with a `Timeout` PulsarError if none arrives. */
  readNext(timeoutMs?: number): Promise<Message<T>>;
  /** Whether a message after the last one read exists now (GET_LAST_MESSAGE_ID). */
  hasMessageAvailable(): Promise<boolean>;
  close(): Promise<void>;
}

export async function createReader<T>(ctx: ClientContext, opts: ReaderOptions<T>): Promise<Reader<T>> {
  const s = opts.startMessageId;
  const inclusive = opts.startMessageIdInclusive ?? false;
  const start =
    s === 'earliest'
      ? { id: EARLIEST_ID_DATA }
      : s === 'latest'
        ? { id: LATEST_ID_DATA }
        : { id: toIdData({ ...s, batchIndex: -1 }), skipUntil: { id: s, inclusive } };
  const subscription = `reader-${opts.readerName ?? randomBytes(5).toString('hex')}`;
  const consumer = await createConsumer(
    ctx,
    {
      topic: opts.topic,
      subscription,
      type: 'Exclusive',
      schema: opts.schema,
      receiverQueueSize: opts.receiverQueueSize,
    },
    start,
  );
  if (typeof s === 'object' && consumer.parts.length > 1) {
    await consumer.close();
    throw new PulsarError(
      'NotSupported',
      'a reader on a partitioned topic starts only from "earliest" or "latest"; read one partition topic instead',
    );
  }
  const reader = new TopicReader(consumer);
  if (s === 'latest') await reader.markLatest();
  return reader;
}

class TopicReader<T> implements Reader<T> {
  readonly topic: string;
  private readonly consumer: MultiConsumer<T>;
  private readonly read = new Map<PartitionConsumer<T>, MessageId>();

  constructor(consumer: MultiConsumer<T>) {
    this.consumer = consumer;
    this.topic = consumer.topic;
  }

  async markLatest(): Promise<void> {
    for (const p of this.consumer.parts) {
      const last = await lastMessageId(p);
      this.read.set(p, last);
      p.resumeAfter(last);
    }
  }

  async readNext(timeoutMs?: number): Promise<Message<T>> {
    const m = await this.consumer.receive(timeoutMs);
    this.read.set(
      this.consumer.parts.find((p) => p === (m as { owner?: unknown }).owner) as PartitionConsumer<T>,
      m.messageId,
    );
    return m;
  }

  async hasMessageAvailable(): Promise<boolean> {
    for (const p of this.consumer.parts) {
      const last = await lastMessageId(p);
      if (last.entryId < 0) continue;
      const seen = this.read.get(p);
      if (!seen || compareMessageIds(seen, last) < 0) return true;
    }
    return false;
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Message<T>> {
    for (;;) {
      try {
        yield await this.readNext();
      } catch (e) {
        if (e instanceof PulsarError && e.code === 'AlreadyClosed') return;
        throw e;
      }
    }
  }
}

async function lastMessageId(p: PartitionConsumer<unknown>): Promise<MessageId> {
  const requestId = p.conn?.newRequestId() ?? 0;
  const res = await p.request(
    { type: T.GET_LAST_MESSAGE_ID, getLastMessageId: { consumerId: p.id, requestId } },
    requestId,
    'get last message id',
  );
  const d = res.getLastMessageIdResponse?.lastMessageId;
  if (!d) throw new PulsarError('ProtocolError', 'GET_LAST_MESSAGE_ID answered without an id');
  return fromIdData(d, p.opts.partition, d.batchIndex ?? -1);
}

import { PulsarError } from '../errors.ts';
import type { MessageId } from '../messageId.ts';
import type { Schema } from '../schema.ts';
import type { BatchTracker } from './acks.ts';
import type { Message } from './types.ts';

/** What a message calls back into when it is acked or nacked. */
export interface MessageOwner<T> {
  ack(m: ReceivedMessage<T>): void;
  ackCumulative(m: ReceivedMessage<T>): void;
  nack(m: ReceivedMessage<T>): void;
}

export interface MessageFields {
  data: Buffer;
  key: string | undefined;
  properties: Readonly<Record<string, string>>;
  eventTime: number | undefined;
  publishTime: number;
  messageId: MessageId;
  redeliveryCount: number;
  producerName: string;
  sequenceId: number;
  schemaVersionBytes: Uint8Array | undefined;
  topic: string;
  batch: BatchTracker | undefined;
}

const NO_VALUE = Symbol('no value');

export class ReceivedMessage<T> implements Message<T> {
  readonly data: Buffer;
  readonly key: string | undefined;
  readonly properties: Readonly<Record<string, string>>;
  readonly eventTime: number | undefined;
  readonly publishTime: number;
  readonly messageId: MessageId;
  readonly redeliveryCount: number;
  readonly producerName: string;
  readonly sequenceId: number;
  readonly schemaVersionBytes: Uint8Array | undefined;
  readonly topic: string;
  readonly batch: BatchTracker | undefined;
  /** Writer schema definition of `schemaVersion`, set before delivery; undefined = the reader's own. */
  writerDefinition: string | undefined;
  schemaError: Error | undefined;
  readonly owner: MessageOwner<T>;
  /** Why the handler failed on this delivery: the dead-letter reason if this was the last one. */
  failure: string | undefined;
  private readonly schema: Schema<T>;
  private decoded: T | typeof NO_VALUE = NO_VALUE;

  constructor(f: MessageFields, schema: Schema<T>, owner: MessageOwner<T>) {
    this.data = f.data;
    this.key = f.key;
    this.properties = f.properties;
    this.eventTime = f.eventTime;
    this.publishTime = f.publishTime;
    this.messageId = f.messageId;
    this.redeliveryCount = f.redeliveryCount;
    this.producerName = f.producerName;
    this.sequenceId = f.sequenceId;
    this.schemaVersionBytes = f.schemaVersionBytes;
    this.topic = f.topic;
    this.batch = f.batch;
    this.schema = schema;
    this.owner = owner;
  }

  get value(): T {
    if (this.decoded !== NO_VALUE) return this.decoded;
    if (this.schemaError) throw this.schemaError;
    try {
      this.decoded = this.schema.decode(this.data, this.writerDefinition);
    } catch (e) {
      throw new PulsarError(
        'SchemaDecodeError',
        `cannot decode message ${this.messageId.ledgerId}:${this.messageId.entryId} of ${this.topic} (schema version ${String(this.schemaVersion)}): ${(e as Error).message}`,
        { cause: e },
      );
    }
    return this.decoded;
  }

  get schemaVersion(): number | undefined {
    const v = this.schemaVersionBytes;
    if (!v || v.length !== 8) return undefined;
    const b = Buffer.from(v.buffer, v.byteOffset, 8);
    return b.readUInt32BE(0) * 4294967296 + b.readUInt32BE(4);
  }

  ack(): void {
    this.owner.ack(this);
  }

  ackCumulative(): void {
    this.owner.ackCumulative(this);
  }

  nack(): void {
    this.owner.nack(this);
  }
}

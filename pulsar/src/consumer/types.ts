import type { MessageId } from '../messageId.ts';
import type { Schema } from '../schema.ts';

export type SubscriptionType = 'Exclusive' | 'Shared' | 'Failover' | 'Key_Shared';
export type InitialPosition = 'Earliest' | 'Latest';

export const SUB_TYPES: Record<SubscriptionType, number> = { Exclusive: 0, Shared: 1, Failover: 2, Key_Shared: 3 };

export interface DeadLetterOptions {
  /** After this many redeliveries, a message whose processing fails again goes to the dead-letter topic. */
  maxRedeliverCount: number;
  /** Default `<topic>-<subscription>-DLQ` (the Java client's name). */
  topic?: string;
  /** Subscription created with the dead-letter topic so its messages are retained. Default `<subscription>-DLQ`. */
  initialSubscription?: string;
}

export interface Message<T> {
  /** Decoded with the writer schema of `schemaVersion`, resolved to the consumer's schema; throws SchemaDecodeError. */
  readonly value: T;
  /** Raw payload bytes. */
  readonly data: Buffer;
  readonly key: string | undefined;
  readonly properties: Readonly<Record<string, string>>;
  readonly eventTime: number | undefined;
  readonly publishTime: number;
  readonly messageId: MessageId;
  readonly redeliveryCount: number;
  readonly producerName: string;
  readonly sequenceId: number;
  /** Schema registry version the producer stamped (undefined when it sent none). */
  readonly schemaVersion: number | undefined;
  /** The (partition) topic the message was read from. */
  readonly topic: string;
  /** Individual ack (batch-index aware). */
  ack(): void;
  /** Cumulative ack up to this message (Exclusive and Failover only). */
  ackCumulative(): void;
  /** Redeliver after the consumer's nack delay (or dead-letter it once past `maxRedeliverCount`). */
  nack(): void;
}

export interface ConsumerOptions<T> {
  topic: string;
  subscription: string;
  type?: SubscriptionType;
  /** Where a new subscription starts. Default Latest. */
  initialPosition?: InitialPosition;
  schema: Schema<T>;
  consumerName?: string;
  /** Messages prefetched per partition (flow-control permits). Default 1000. */
  receiverQueueSize?: number;
  /** Delay before a nacked message is redelivered. Default 60 000 ms. */
  nackRedeliveryDelayMs?: number;
  /**
   * Backoff of nack redeliveries: delay = nackRedeliveryDelayMs × multiplier^redeliveryCount, capped
   * (the Java client's MultiplierRedeliveryBackoff). Default: the same delay every time.
   */
  nackBackoff?: { multiplier: number; maxDelayMs: number };
  deadLetter?: DeadLetterOptions;
  /**
   * Push mode: called for each message; the message is acked after the promise resolves and nacked if it
   * rejects. Without a handler, pull with `receive()`.
   */
  handler?: (message: Message<T>) => Promise<void>;
  /** Handler calls in flight (default 1). */
  concurrency?: number;
  /**
   * Default true: with `concurrency` > 1, messages of one key are still handled one at a time, in the order
   * they arrived (messages without a key run freely), so Key_Shared per-key order survives concurrency.
   * False: any `concurrency` messages at once.
   */
  orderByKey?: boolean;
  /** Called when the handler rejects (before the nack). */
  onHandlerError?: (error: unknown, message: Message<T>) => void;
  /** Send partial acks inside a batch (needs acknowledgmentAtBatchIndexLevelEnabled on the broker). Default false. */
  batchIndexAck?: boolean;
  readCompacted?: boolean;
}

export interface Consumer<T> {
  readonly topic: string;
  readonly subscription: string;
  /** Next message (pull mode); with `timeoutMs`, rejects with a `Timeout` PulsarError if none arrives. */
  receive(timeoutMs?: number): Promise<Message<T>>;
  /** Failover: whether this consumer is the active one (per the last ACTIVE_CONSUMER_CHANGE). */
  readonly isActive: boolean;
  /**
   * Set once the consumer stopped for good: a non-retryable error while reconnecting (authorization,
   * incompatible schema, topic gone). It receives nothing more, so its service should report itself down.
   */
  readonly failure: Error | undefined;
  /** Removes the subscription on the broker, then closes. */
  unsubscribe(): Promise<void>;
  close(): Promise<void>;
}

import type { MessageId } from '../messageId.ts';
import type { CompressionType } from '../compression/codecs.ts';
import type { Schema } from '../schema.ts';

export interface BatchingOptions {
  /** Longest a message waits for its batch to fill. Default 1 ms. */
  maxDelayMs?: number;
  /** Default 1000 messages. */
  maxMessages?: number;
  /** Default 128 KiB of payload. */
  maxBytes?: number;
  /**
   * Default true: a batch only holds messages of one key (a new key flushes the batch first), because the
   * broker dispatches a whole batch by one key on Key_Shared subscriptions.
   */
  keyBased?: boolean;
}

export interface ProducerOptions<T> {
  topic: string;
  schema: Schema<T>;
  /** Stable name: required for broker deduplication across restarts. Default: the broker picks one. */
  producerName?: string;
  /** Default enabled with the defaults above; `false` sends one frame per message. */
  batching?: BatchingOptions | false;
  /** Fail a send that has no receipt after this long. Default 30 000 ms; 0 waits forever. */
  sendTimeoutMs?: number;
  /** Producer metadata shown in topic stats. */
  metadata?: Record<string, string>;
  /** Codec of every message or batch payload (as the Java client's `compressionType`). Default NONE. */
  compression?: CompressionType;
  /** Subscription created with the topic, so messages are kept even before a consumer exists. */
  initialSubscription?: string;
  /**
   * Who may produce on the topic (the broker's producer access modes). `Shared` (default): any number;
   * `Exclusive`: this producer only, or creation fails; `WaitForExclusive`: creation waits until it can be the
   * only one; `ExclusiveWithFencing`: this producer takes the topic from any other.
   */
  accessMode?: ProducerAccessMode;
}

export type ProducerAccessMode = 'Shared' | 'Exclusive' | 'WaitForExclusive' | 'ExclusiveWithFencing';

export interface OutgoingMessage<T> {
  value: T;
  /** Partition key: routes to a partition and to a Key_Shared consumer; per-key order is kept. */
  key?: string;
  properties?: Record<string, string>;
  /** Application time of the event (epoch ms or Date). */
  eventTime?: number | Date;
  /** Explicit sequence id (e.g. an outbox position) for broker deduplication; must increase. */
  sequenceId?: number;
}

export interface Producer<T> {
  readonly topic: string;
  /** The name this producer has on the broker (given or generated). */
  readonly producerName: string;
  /** Highest sequence id the broker has persisted for this producer name (-1: none). */
  readonly lastSequenceId: number;
  /** Resolves with the message id once the broker has persisted the message (SEND_RECEIPT). */
  send(message: OutgoingMessage<T>): Promise<MessageId>;
  /** Sends the open batch now and waits for every pending receipt. */
  flush(): Promise<void>;
  /** Flushes, then closes on the broker. */
  close(): Promise<void>;
}

// TypeScript shapes of the messages in defs.ts (proto field names in camelCase).

export const CommandType = {
  CONNECT: 2,
  CONNECTED: 3,
  SUBSCRIBE: 4,
  PRODUCER: 5,
  SEND: 6,
  SEND_RECEIPT: 7,
  SEND_ERROR: 8,
  MESSAGE: 9,
  ACK: 10,
  FLOW: 11,
  UNSUBSCRIBE: 12,
  SUCCESS: 13,
  ERROR: 14,
  CLOSE_PRODUCER: 15,
  CLOSE_CONSUMER: 16,
  PRODUCER_SUCCESS: 17,
  PING: 18,
  PONG: 19,
  REDELIVER_UNACKNOWLEDGED_MESSAGES: 20,
  PARTITIONED_METADATA: 21,
  PARTITIONED_METADATA_RESPONSE: 22,
  LOOKUP: 23,
  LOOKUP_RESPONSE: 24,
  REACHED_END_OF_TOPIC: 27,
  SEEK: 28,
  GET_LAST_MESSAGE_ID: 29,
  GET_LAST_MESSAGE_ID_RESPONSE: 30,
  ACTIVE_CONSUMER_CHANGE: 31,
  GET_SCHEMA: 34,
  GET_SCHEMA_RESPONSE: 35,
  AUTH_CHALLENGE: 36,
  AUTH_RESPONSE: 37,
  ACK_RESPONSE: 38,
  TOPIC_MIGRATED: 68,
} as const;

export interface KeyValue {
  key: string;
  value: string;
}

export interface SchemaProto {
  name: string;
  schemaData: Uint8Array;
  type: number;
  properties?: KeyValue[];
}

export interface MessageIdData {
  ledgerId: number | bigint;
  entryId: number | bigint;
  partition?: number;
  batchIndex?: number;
  ackSet?: bigint[];
  batchSize?: number;
}

export interface MessageMetadata {
  producerName: string;
  sequenceId: number;
  publishTime: number;
  properties?: KeyValue[];
  partitionKey?: string;
  compression?: number;
  uncompressedSize?: number;
  numMessagesInBatch?: number;
  eventTime?: number;
  encryptionKeys?: Uint8Array[];
  schemaVersion?: Uint8Array;
  orderingKey?: Uint8Array;
  deliverAtTime?: number;
  highestSequenceId?: number;
  nullValue?: boolean;
  uuid?: string;
  numChunksFromMsg?: number;
  totalChunkMsgSize?: number;
  chunkId?: number;
}

export interface SingleMessageMetadata {
  properties?: KeyValue[];
  partitionKey?: string;
  payloadSize: number;
  compactedOut?: boolean;
  eventTime?: number;
  orderingKey?: Uint8Array;
  sequenceId?: number;
  nullValue?: boolean;
}

interface WithRequest {
  requestId: number;
}
interface ErrorFields {
  error?: number;
  message?: string;
}

export interface BaseCommand {
  type: number;
  connect?: {
    clientVersion: string;
    protocolVersion: number;
    authMethodName?: string;
    authData?: Uint8Array;
    featureFlags?: { supportsAuthRefresh?: boolean; supportsBrokerEntryMetadata?: boolean };
  };
  connected?: { serverVersion: string; protocolVersion?: number; maxMessageSize?: number };
  subscribe?: WithRequest & {
    topic: string;
    subscription: string;
    subType: number;
    consumerId: number;
    consumerName?: string;
    priorityLevel?: number;
    durable?: boolean;
    startMessageId?: MessageIdData;
    metadata?: KeyValue[];
    readCompacted?: boolean;
    schema?: SchemaProto;
    initialPosition?: number;
    forceTopicCreation?: boolean;
    keySharedMeta?: { keySharedMode: number; allowOutOfOrderDelivery?: boolean };
    consumerEpoch?: number;
  };
  producer?: WithRequest & {
    topic: string;
    producerId: number;
    producerName?: string;
    metadata?: KeyValue[];
    schema?: SchemaProto;
    epoch?: number;
    userProvidedProducerName?: boolean;
    producerAccessMode?: number;
    initialSubscriptionName?: string;
  };
  send?: { producerId: number; sequenceId: number; numMessages?: number; highestSequenceId?: number };
  sendReceipt?: { producerId: number; sequenceId: number; messageId?: MessageIdData; highestSequenceId?: number };
  sendError?: { producerId: number; sequenceId: number; error: number; message: string };
  message?: {
    consumerId: number;
    messageId: MessageIdData;
    redeliveryCount?: number;
    ackSet?: bigint[];
    consumerEpoch?: number;
  };
  ack?: { consumerId: number; ackType: number; messageId: MessageIdData[]; requestId?: number };
  flow?: { consumerId: number; messagePermits: number };
  unsubscribe?: WithRequest & { consumerId: number };
  success?: WithRequest & { schema?: SchemaProto };
  error?: WithRequest & { error: number; message: string };
  closeProducer?: WithRequest & { producerId: number };
  closeConsumer?: WithRequest & { consumerId: number };
  producerSuccess?: WithRequest & {
    producerName: string;
    lastSequenceId?: number;
    schemaVersion?: Uint8Array;
    topicEpoch?: number;
    producerReady?: boolean;
  };
  ping?: object;
  pong?: object;
  redeliverUnacknowledgedMessages?: { consumerId: number; messageIds?: MessageIdData[]; consumerEpoch?: number };
  partitionMetadata?: WithRequest & { topic: string };
  partitionMetadataResponse?: WithRequest & ErrorFields & { partitions?: number; response?: number };
  lookupTopic?: WithRequest & { topic: string; authoritative?: boolean };
  lookupTopicResponse?: WithRequest &
    ErrorFields & {
      brokerServiceUrl?: string;
      brokerServiceUrlTls?: string;
      response?: number;
      authoritative?: boolean;
      proxyThroughServiceUrl?: boolean;
    };
  reachedEndOfTopic?: { consumerId: number };
  seek?: WithRequest & { consumerId: number; messageId?: MessageIdData; messagePublishTime?: number };
  getLastMessageId?: WithRequest & { consumerId: number };
  getLastMessageIdResponse?: WithRequest & { lastMessageId: MessageIdData; consumerMarkDeletePosition?: MessageIdData };
  activeConsumerChange?: { consumerId: number; isActive?: boolean };
  getSchema?: WithRequest & { topic: string; schemaVersion?: Uint8Array };
  getSchemaResponse?: WithRequest & {
    errorCode?: number;
    errorMessage?: string;
    schema?: SchemaProto;
    schemaVersion?: Uint8Array;
  };
  authChallenge?: { serverVersion?: string; challenge?: { authMethodName?: string; authData?: Uint8Array } };
  authResponse?: {
    clientVersion?: string;
    response?: { authMethodName?: string; authData?: Uint8Array };
    protocolVersion?: number;
  };
  ackResponse?: ErrorFields & { consumerId: number; requestId?: number };
  topicMigrated?: { resourceId: number; resourceType: number; brokerServiceUrl?: string; brokerServiceUrlTls?: string };
}

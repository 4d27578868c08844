import { message } from './codec.ts';

// A hand-written subset of PulsarApi.proto (package pulsar.proto); field numbers as upstream.
// Spec: https://pulsar.apache.org/docs/developing-binary-protocol/

export const KeyValue = message('KeyValue', [
  [1, 'key', 'string'],
  [2, 'value', 'string'],
]);
export const IntRange = message('IntRange', [
  [1, 'start', 'int32'],
  [2, 'end', 'int32'],
]);

export const Schema = message('Schema', [
  [1, 'name', 'string'],
  [3, 'schemaData', 'bytes'],
  [4, 'type', 'int32'],
  [5, 'properties', KeyValue, 'repeated'],
]);

export const MessageIdData = message('MessageIdData', [
  [1, 'ledgerId', 'int64'],
  [2, 'entryId', 'int64'],
  [3, 'partition', 'int32'],
  [4, 'batchIndex', 'int32'],
  [5, 'ackSet', 'int64big', 'repeated'],
  [6, 'batchSize', 'int32'],
]);

export const MessageMetadata = message('MessageMetadata', [
  [1, 'producerName', 'string'],
  [2, 'sequenceId', 'uint64'],
  [3, 'publishTime', 'uint64'],
  [4, 'properties', KeyValue, 'repeated'],
  [6, 'partitionKey', 'string'],
  [8, 'compression', 'int32'],
  [9, 'uncompressedSize', 'uint32'],
  [11, 'numMessagesInBatch', 'int32'],
  [12, 'eventTime', 'uint64'],
  [13, 'encryptionKeys', 'bytes', 'repeated'],
  [16, 'schemaVersion', 'bytes'],
  [18, 'orderingKey', 'bytes'],
  [19, 'deliverAtTime', 'int64'],
  [24, 'highestSequenceId', 'uint64'],
  [25, 'nullValue', 'bool'],
  [26, 'uuid', 'string'],
  [27, 'numChunksFromMsg', 'int32'],
  [28, 'totalChunkMsgSize', 'int32'],
  [29, 'chunkId', 'int32'],
]);

export const SingleMessageMetadata = message('SingleMessageMetadata', [
  [1, 'properties', KeyValue, 'repeated'],
  [2, 'partitionKey', 'string'],
  [3, 'payloadSize', 'int32'],
  [4, 'compactedOut', 'bool'],
  [5, 'eventTime', 'uint64'],
  [7, 'orderingKey', 'bytes'],
  [8, 'sequenceId', 'uint64'],
  [9, 'nullValue', 'bool'],
]);

const FeatureFlags = message('FeatureFlags', [
  [1, 'supportsAuthRefresh', 'bool'],
  [2, 'supportsBrokerEntryMetadata', 'bool'],
]);
const AuthData = message('AuthData', [
  [1, 'authMethodName', 'string'],
  [2, 'authData', 'bytes'],
]);

const Connect = message('CommandConnect', [
  [1, 'clientVersion', 'string'],
  [3, 'authData', 'bytes'],
  [4, 'protocolVersion', 'int32'],
  [5, 'authMethodName', 'string'],
  [10, 'featureFlags', FeatureFlags],
]);
const Connected = message('CommandConnected', [
  [1, 'serverVersion', 'string'],
  [2, 'protocolVersion', 'int32'],
  [3, 'maxMessageSize', 'int32'],
]);
const AuthChallenge = message('CommandAuthChallenge', [
  [1, 'serverVersion', 'string'],
  [2, 'challenge', AuthData],
]);
const AuthResponse = message('CommandAuthResponse', [
  [1, 'clientVersion', 'string'],
  [2, 'response', AuthData],
  [3, 'protocolVersion', 'int32'],
]);
const KeySharedMeta = message('KeySharedMeta', [
  [1, 'keySharedMode', 'int32'],
  [3, 'hashRanges', IntRange, 'repeated'],
  [4, 'allowOutOfOrderDelivery', 'bool'],
]);
const Subscribe = message('CommandSubscribe', [
  [1, 'topic', 'string'],
  [2, 'subscription', 'string'],
  [3, 'subType', 'int32'],
  [4, 'consumerId', 'uint64'],
  [5, 'requestId', 'uint64'],
  [6, 'consumerName', 'string'],
  [7, 'priorityLevel', 'int32'],
  [8, 'durable', 'bool'],
  [9, 'startMessageId', MessageIdData],
  [10, 'metadata', KeyValue, 'repeated'],
  [11, 'readCompacted', 'bool'],
  [12, 'schema', Schema],
  [13, 'initialPosition', 'int32'],
  [15, 'forceTopicCreation', 'bool'],
  [17, 'keySharedMeta', KeySharedMeta],
  [19, 'consumerEpoch', 'uint64'],
]);
const PartitionedMetadata = message('CommandPartitionedTopicMetadata', [
  [1, 'topic', 'string'],
  [2, 'requestId', 'uint64'],
]);
const PartitionedMetadataResponse = message('CommandPartitionedTopicMetadataResponse', [
  [1, 'partitions', 'uint32'],
  [2, 'requestId', 'uint64'],
  [3, 'response', 'int32'],
  [4, 'error', 'int32'],
  [5, 'message', 'string'],
]);
const Lookup = message('CommandLookupTopic', [
  [1, 'topic', 'string'],
  [2, 'requestId', 'uint64'],
  [3, 'authoritative', 'bool'],
]);
const LookupResponse = message('CommandLookupTopicResponse', [
  [1, 'brokerServiceUrl', 'string'],
  [2, 'brokerServiceUrlTls', 'string'],
  [3, 'response', 'int32'],
  [4, 'requestId', 'uint64'],
  [5, 'authoritative', 'bool'],
  [6, 'error', 'int32'],
  [7, 'message', 'string'],
  [8, 'proxyThroughServiceUrl', 'bool'],
]);
const Producer = message('CommandProducer', [
  [1, 'topic', 'string'],
  [2, 'producerId', 'uint64'],
  [3, 'requestId', 'uint64'],
  [4, 'producerName', 'string'],
  [6, 'metadata', KeyValue, 'repeated'],
  [7, 'schema', Schema],
  [8, 'epoch', 'uint64'],
  [9, 'userProvidedProducerName', 'bool'],
  [10, 'producerAccessMode', 'int32'],
  [13, 'initialSubscriptionName', 'string'],
]);
const Send = message('CommandSend', [
  [1, 'producerId', 'uint64'],
  [2, 'sequenceId', 'uint64'],
  [3, 'numMessages', 'int32'],
  [6, 'highestSequenceId', 'uint64'],
]);
const SendReceipt = message('CommandSendReceipt', [
  [1, 'producerId', 'uint64'],
  [2, 'sequenceId', 'uint64'],
  [3, 'messageId', MessageIdData],
  [4, 'highestSequenceId', 'int64'],
]);
const SendError = message('CommandSendError', [
  [1, 'producerId', 'uint64'],
  [2, 'sequenceId', 'uint64'],
  [3, 'error', 'int32'],
  [4, 'message', 'string'],
]);
const Message = message('CommandMessage', [
  [1, 'consumerId', 'uint64'],
  [2, 'messageId', MessageIdData],
  [3, 'redeliveryCount', 'uint32'],
  [4, 'ackSet', 'int64big', 'repeated'],
  [5, 'consumerEpoch', 'uint64'],
]);
const Ack = message('CommandAck', [
  [1, 'consumerId', 'uint64'],
  [2, 'ackType', 'int32'],
  [3, 'messageId', MessageIdData, 'repeated'],
  [8, 'requestId', 'uint64'],
]);
const AckResponse = message('CommandAckResponse', [
  [1, 'consumerId', 'uint64'],
  [4, 'error', 'int32'],
  [5, 'message', 'string'],
  [6, 'requestId', 'uint64'],
]);
const ActiveConsumerChange = message('CommandActiveConsumerChange', [
  [1, 'consumerId', 'uint64'],
  [2, 'isActive', 'bool'],
]);
const Flow = message('CommandFlow', [
  [1, 'consumerId', 'uint64'],
  [2, 'messagePermits', 'uint32'],
]);
const Unsubscribe = message('CommandUnsubscribe', [
  [1, 'consumerId', 'uint64'],
  [2, 'requestId', 'uint64'],
]);
const Seek = message('CommandSeek', [
  [1, 'consumerId', 'uint64'],
  [2, 'requestId', 'uint64'],
  [3, 'messageId', MessageIdData],
  [4, 'messagePublishTime', 'uint64'],
]);
const ReachedEndOfTopic = message('CommandReachedEndOfTopic', [[1, 'consumerId', 'uint64']]);
const CloseProducer = message('CommandCloseProducer', [
  [1, 'producerId', 'uint64'],
  [2, 'requestId', 'uint64'],
]);
const CloseConsumer = message('CommandCloseConsumer', [
  [1, 'consumerId', 'uint64'],
  [2, 'requestId', 'uint64'],
]);
const Redeliver = message('CommandRedeliverUnacknowledgedMessages', [
  [1, 'consumerId', 'uint64'],
  [2, 'messageIds', MessageIdData, 'repeated'],
  [3, 'consumerEpoch', 'uint64'],
]);
const Success = message('CommandSuccess', [
  [1, 'requestId', 'uint64'],
  [2, 'schema', Schema],
]);
const ProducerSuccess = message('CommandProducerSuccess', [
  [1, 'requestId', 'uint64'],
  [2, 'producerName', 'string'],
  [3, 'lastSequenceId', 'int64'],
  [4, 'schemaVersion', 'bytes'],
  [5, 'topicEpoch', 'uint64'],
  [6, 'producerReady', 'bool'],
]);
const ErrorCmd = message('CommandError', [
  [1, 'requestId', 'uint64'],
  [2, 'error', 'int32'],
  [3, 'message', 'string'],
]);
const Empty = message('Empty', []);
const GetLastMessageId = message('CommandGetLastMessageId', [
  [1, 'consumerId', 'uint64'],
  [2, 'requestId', 'uint64'],
]);
const GetLastMessageIdResponse = message('CommandGetLastMessageIdResponse', [
  [1, 'lastMessageId', MessageIdData],
  [2, 'requestId', 'uint64'],
  [3, 'consumerMarkDeletePosition', MessageIdData],
]);
const GetSchema = message('CommandGetSchema', [
  [1, 'requestId', 'uint64'],
  [2, 'topic', 'string'],
  [3, 'schemaVersion', 'bytes'],
]);
const GetSchemaResponse = message('CommandGetSchemaResponse', [
  [1, 'requestId', 'uint64'],
  [2, 'errorCode', 'int32'],
  [3, 'errorMessage', 'string'],
  [4, 'schema', Schema],
  [5, 'schemaVersion', 'bytes'],
]);
const TopicMigrated = message('CommandTopicMigrated', [
  [1, 'resourceId', 'uint64'],
  [2, 'resourceType', 'int32'],
  [3, 'brokerServiceUrl', 'string'],
  [4, 'brokerServiceUrlTls', 'string'],
]);

export const BaseCommand = message('BaseCommand', [
  [1, 'type', 'int32'],
  [2, 'connect', Connect],
  [3, 'connected', Connected],
  [4, 'subscribe', Subscribe],
  [5, 'producer', Producer],
  [6, 'send', Send],
  [7, 'sendReceipt', SendReceipt],
  [8, 'sendError', SendError],
  [9, 'message', Message],
  [10, 'ack', Ack],
  [11, 'flow', Flow],
  [12, 'unsubscribe', Unsubscribe],
  [13, 'success', Success],
  [14, 'error', ErrorCmd],
  [15, 'closeProducer', CloseProducer],
  [16, 'closeConsumer', CloseConsumer],
  [17, 'producerSuccess', ProducerSuccess],
  [18, 'ping', Empty],
  [19, 'pong', Empty],
  [20, 'redeliverUnacknowledgedMessages', Redeliver],
  [21, 'partitionMetadata', PartitionedMetadata],
  [22, 'partitionMetadataResponse', PartitionedMetadataResponse],
  [23, 'lookupTopic', Lookup],
  [24, 'lookupTopicResponse', LookupResponse],
  [27, 'reachedEndOfTopic', ReachedEndOfTopic],
  [28, 'seek', Seek],
  [29, 'getLastMessageId', GetLastMessageId],
  [30, 'getLastMessageIdResponse', GetLastMessageIdResponse],
  [31, 'activeConsumerChange', ActiveConsumerChange],
  [34, 'getSchema', GetSchema],
  [35, 'getSchemaResponse', GetSchemaResponse],
  [36, 'authChallenge', AuthChallenge],
  [37, 'authResponse', AuthResponse],
  [38, 'ackResponse', AckResponse],
  [68, 'topicMigrated', TopicMigrated],
]);

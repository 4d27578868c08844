export { createPulsarClient } from './client.ts';
export type { ClientOptions, PulsarClient } from './client.ts';
export type { TlsOptions } from './connection/socket.ts';
export type {
  Producer,
  ProducerOptions,
  ProducerAccessMode,
  OutgoingMessage,
  BatchingOptions,
} from './producer/types.ts';
export { javaStringHash } from './producer/producer.ts';
export type {
  Consumer,
  ConsumerOptions,
  Message,
  SubscriptionType,
  InitialPosition,
  DeadLetterOptions,
} from './consumer/types.ts';
export type { Reader, ReaderOptions } from './reader.ts';
export { avroSchema, bytesSchema, rawAvroSchema } from './schema.ts';
export type { Schema, AvroSchemaOptions } from './schema.ts';
export { messageId, messageIdToString, parseMessageId, compareMessageIds } from './messageId.ts';
export type { MessageId } from './messageId.ts';
export { PulsarError, isPulsarError } from './errors.ts';
export type { CompressionType } from './compression/codecs.ts';
export type { PulsarErrorCode } from './errors.ts';
export type { Logger } from './logger.ts';
export { DEAD_LETTER_REASON, DEAD_LETTER_ORIGINAL_TOPIC, DEAD_LETTER_REDELIVERIES } from './consumer/deadLetter.ts';

export {
  catalogue,
  fullTopicName,
  isTopicName,
  latestVersion,
  subscriptionOf,
  topicNames,
  topicSpec,
  versionsOf,
} from './catalogue.ts';
export type { TopicName } from './catalogue.ts';
export { avscPath } from './topicSpec.ts';
export type { MessageKind, SchemaVersion, ServiceName, Subscription, TopicSpec } from './topicSpec.ts';
export { avroType, schemaFor, schemaText } from './schemas.ts';
export { decode, encode, versionOfSchema } from './codec.ts';
export type { DecodeOptions } from './codec.ts';
export { checkFullCompatibility } from './compatibility.ts';
export type { CompatibilityReport } from './compatibility.ts';
export { envelopeFields } from './envelope.ts';
export type { Envelope, Message } from './envelope.ts';
export type { TopicRecord, TopicRecords } from './topicRecords.ts';
export type * from './records/influencers.ts';
export type * from './records/campanas.ts';
export type * from './records/contratos.ts';
export type * from './records/saga.ts';
export { messageKey } from './messageKey.ts';
export { deterministicId, idNamespace, sagaIds } from './deterministicId.ts';
export { amountOf, decimalPattern, isDecimalString } from './money.ts';
export { createAjv, httpSchemas, validateCrearInfluencerAccepted, validateCrearInfluencerBody } from './httpSchemas.ts';
export type { CrearInfluencerAccepted, CrearInfluencerBody, FieldError } from './httpSchemas.ts';
export { samples, sampleIds, sampleTime } from './samples.ts';
export { topicTable } from './topicTable.ts';

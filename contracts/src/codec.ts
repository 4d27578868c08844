import avro from 'avsc';
import { latestVersion, versionsOf } from './catalogue.ts';
import type { TopicName } from './catalogue.ts';
import { avroType } from './schemas.ts';
import type { TopicRecords } from './topicRecords.ts';
import type { SchemaVersion } from './topicSpec.ts';

/**
 * Plain Avro binary, exactly what the Python and Java clients put in a Pulsar message: no single-object header,
 * no magic byte, no length prefix (pulsar-notes §C). Writing an older version drops the fields it does not have.
 */
export function encode<T extends TopicName>(
  topic: T,
  record: TopicRecords[T],
  version: SchemaVersion = latestVersion(topic),
): Buffer {
  return avroType(topic, version).toBuffer(record);
}

const resolvers = new Map<string, avro.Resolver>();

function resolverFor(topic: TopicName, writer: SchemaVersion, reader: SchemaVersion): avro.Resolver {
  const id = `${topic}:${writer}>${reader}`;
  let resolver = resolvers.get(id);
  if (resolver === undefined) {
    resolver = avroType(topic, reader).createResolver(avroType(topic, writer));
    resolvers.set(id, resolver);
  }
  return resolver;
}

export interface DecodeOptions {
  /** Version the bytes were written with (from the message's Pulsar `schema_version`); defaults to the latest. */
  readonly writerVersion?: SchemaVersion;
}

/**
 * Decodes bytes written with any version of the topic's schema into the latest shape (Avro schema resolution:
 * fields the writer lacked read as their default, null). Returns plain objects, not avsc record instances.
 */
export function decode<T extends TopicName>(topic: T, bytes: Uint8Array, options: DecodeOptions = {}): TopicRecords[T] {
  const reader = latestVersion(topic);
  const writer = options.writerVersion ?? reader;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value: unknown =
    writer === reader
      ? avroType(topic, reader).fromBuffer(buffer)
      : avroType(topic, reader).fromBuffer(buffer, resolverFor(topic, writer, reader));
  return structuredClone(value) as TopicRecords[T];
}

/**
 * Which catalogue version a writer schema (e.g. fetched from the broker for a `schema_version`) is, by Avro
 * parsing canonical form; undefined when it is none of ours.
 */
export function versionOfSchema(topic: TopicName, schema: string | avro.Schema): SchemaVersion | undefined {
  const parsed: avro.Schema = typeof schema === 'string' ? (JSON.parse(schema) as avro.Schema) : schema;
  const fingerprint = avro.Type.forSchema(parsed, { wrapUnions: false }).fingerprint('sha256');
  return versionsOf(topic).find((version) => avroType(topic, version).fingerprint('sha256').equals(fingerprint));
}

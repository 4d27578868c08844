import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { catalogue } from './catalogue.ts';
import type { TopicName } from './catalogue.ts';
import type { SchemaVersion } from './topicSpec.ts';

const packageRoot = new URL('../', import.meta.url);
const parsed = new Map<string, avro.Schema>();
const types = new Map<string, avro.Type>();

function pathOf(topic: TopicName, version: SchemaVersion): string {
  const path = (catalogue[topic].versions as Partial<Record<SchemaVersion, string>>)[version];
  if (path === undefined) throw new Error(`topic ${topic} has no schema ${version}`);
  return path;
}

/** The parsed `.avsc` of a topic version (a fresh copy; callers may not share mutations). */
export function schemaFor(topic: TopicName, version: SchemaVersion): avro.Schema {
  const path = pathOf(topic, version);
  let schema = parsed.get(path);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(new URL(path, packageRoot), 'utf8')) as avro.Schema;
    parsed.set(path, schema);
  }
  return structuredClone(schema);
}

/**
 * The schema text to register in Pulsar and to send on PRODUCER/SUBSCRIBE. It is `json.dumps(schema, indent=True)`
 * as the Python client 3.7 builds it, so for v1 the broker sees the very text the original services registered
 * and answers with the same schema version instead of adding one.
 */
export function schemaText(topic: TopicName, version: SchemaVersion): string {
  return JSON.stringify(schemaFor(topic, version), null, 1);
}

/** The avsc type of a topic version, built once. Unions `["null", T]` read and write plain values or null. */
export function avroType(topic: TopicName, version: SchemaVersion): avro.Type {
  const path = pathOf(topic, version);
  let type = types.get(path);
  if (type === undefined) {
    type = avro.Type.forSchema(schemaFor(topic, version), { wrapUnions: false });
    types.set(path, type);
  }
  return type;
}

import { avroType, latestVersion, type SchemaVersion, type TopicName } from '@alpes/contracts';
import type avro from 'avsc';
import type { WireRecord } from './presets.ts';
import { UsageError } from './usageError.ts';

type Problems = string[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `value` shaped to `type`: absent nullable fields become null (a JSON file may leave them out), fields the type
 * does not declare are dropped, and reported when `report` is set (a typo such as `data.nombr` must not vanish).
 */
function shape(type: avro.Type, value: unknown, path: string, options: { report?: Problems }): unknown {
  if (type.typeName === 'union:unwrapped') {
    const branches = (type as avro.types.UnwrappedUnionType).types;
    if ((value === undefined || value === null) && branches.some((b) => b.typeName === 'null')) return null;
    const others = branches.filter((b) => b.typeName !== 'null');
    return others.length === 1 ? shape(others[0] as avro.Type, value, path, options) : value;
  }
  if (type.typeName === 'record' && isPlainObject(value)) {
    const fields = (type as avro.types.RecordType).fields;
    for (const key of Object.keys(value)) {
      if (!fields.some((f) => f.name === key)) {
        options.report?.push(
          `${path}${key}: not a field of ${type.name ?? 'the record'} (fields: ${fields.map((f) => f.name).join(', ')})`,
        );
      }
    }
    return Object.fromEntries(fields.map((f) => [f.name, shape(f.type, value[f.name], `${path}${f.name}.`, options)]));
  }
  if (type.typeName === 'array' && Array.isArray(value)) {
    const items = (type as avro.types.ArrayType).itemsType;
    return value.map((item, i) => shape(items, item, `${path}${i}.`, options));
  }
  return value;
}

function label(type: avro.Type): string {
  if (type.typeName === 'union:unwrapped') return (type as avro.types.UnwrappedUnionType).types.map(label).join(' | ');
  if (type.typeName === 'array') return `array<${label((type as avro.types.ArrayType).itemsType)}>`;
  return type.typeName === 'record' ? `record ${type.name ?? ''}`.trim() : type.typeName;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The record as it will be encoded with `version` of the topic's schema: fields of later versions dropped (v1 is
 * the original record, `data` only), absent nullable fields null. Throws a `UsageError` naming every bad field.
 */
export function conform(topic: TopicName, version: SchemaVersion, record: WireRecord): WireRecord {
  if (!isPlainObject(record)) throw new UsageError(`a ${topic} record must be a JSON object, got ${describe(record)}`);
  const problems: Problems = [];
  shape(avroType(topic, latestVersion(topic)), record, '', { report: problems });
  const type = avroType(topic, version);
  const shaped = shape(type, record, '', {}) as WireRecord;
  type.isValid(shaped, {
    errorHook: (path, value, fieldType) => {
      problems.push(`${path.join('.') || '(record)'}: expected ${label(fieldType)}, got ${describe(value)}`);
    },
  });
  if (problems.length > 0) {
    throw new UsageError(`record does not fit ${topic} ${version}:\n  ${problems.join('\n  ')}`);
  }
  return shaped;
}

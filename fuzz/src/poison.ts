import fc, { type Arbitrary } from 'fast-check';
import {
  avroType,
  catalogue,
  encode,
  latestVersion,
  samples,
  schemaFor,
  topicNames,
  type TopicName,
} from '@alpes/contracts';
import { nastyStrings } from './schemaArbitraries.ts';

/** A poison message for one topic: raw bytes (sent schemaless) or a record of the topic's own schema. */
export type Poison =
  | {
      readonly kind: 'random-bytes' | 'truncated-avro' | 'other-topic';
      readonly bytes: Uint8Array;
      readonly note: string;
    }
  | { readonly kind: 'nonsense-values'; readonly record: Record<string, unknown>; readonly note: string };

/** Whether the consumer can decode these bytes at all (schemaless messages are read with the latest schema). */
export function decodable(topic: TopicName, bytes: Uint8Array): boolean {
  try {
    avroType(topic, latestVersion(topic)).fromBuffer(Buffer.from(bytes));
    return true;
  } catch {
    return false;
  }
}

const randomBytes: Arbitrary<Poison> = fc
  .uint8Array({ minLength: 0, maxLength: 300 })
  .map((bytes) => ({ kind: 'random-bytes', bytes, note: `${bytes.length} random bytes` }));

/** A valid record's encoding cut short (every version the topic ever had). */
const truncated = (topic: TopicName): Arbitrary<Poison> => {
  const full = encode(topic, samples[topic] as never);
  return fc
    .nat(full.length - 1)
    .map((cut) => ({ kind: 'truncated-avro', bytes: full.subarray(0, cut), note: `${cut} of ${full.length} bytes` }));
};

/** A valid record of another topic: a producer wired to the wrong topic. */
const otherTopic = (topic: TopicName): Arbitrary<Poison> =>
  fc.constantFrom(...topicNames.filter((t) => t !== topic)).map((other) => ({
    kind: 'other-topic',
    bytes: encode(other, samples[other] as never),
    note: `a ${other} record`,
  }));

type AvroType =
  | string
  | readonly AvroType[]
  | {
      readonly type: string;
      readonly fields?: readonly { name: string; type: AvroType }[];
      readonly items?: AvroType;
      readonly values?: AvroType;
      readonly symbols?: readonly string[];
    };

const nonsenseText: Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings, 'CODIGO_INVENTADO', 'xyz', '-100.00', '1e999', 'not-a-uuid'),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
);

/** Any value of an Avro type, biased to the ones that break rules: null, empty, huge, negative, NaN, unknown codes. */
function nonsense(type: AvroType): Arbitrary<unknown> {
  if (Array.isArray(type)) return fc.oneof(...type.map(nonsense));
  if (typeof type === 'string') {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'string':
        return nonsenseText;
      case 'int':
        return fc.oneof(
          fc.constantFrom(-1, 0, -2147483648, 2147483647),
          fc.integer({ min: -2147483648, max: 2147483647 }),
        );
      // avsc refuses longs beyond ±(2^53 − 2).
      case 'long':
        return fc.constantFrom(-1, 0, -8640000000000001, 2 ** 53 - 2, -(2 ** 53 - 2));
      case 'float':
      case 'double':
        return fc.constantFrom(-1, -0.01, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1e30);
      case 'boolean':
        return fc.boolean();
      case 'bytes':
        return fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b));
      default:
        throw new Error(`no nonsense for Avro type ${type}`);
    }
  }
  const named = type as Exclude<AvroType, string | readonly AvroType[]>;
  if (named.type === 'record')
    return fc.record(Object.fromEntries((named.fields ?? []).map((f) => [f.name, nonsense(f.type)])));
  if (named.type === 'array') return fc.array(nonsense(named.items ?? 'null'), { maxLength: 4 });
  if (named.type === 'map')
    return fc.dictionary(fc.string({ maxLength: 10 }), nonsense(named.values ?? 'null'), { maxKeys: 3 });
  if (named.type === 'enum') return fc.constantFrom(...(named.symbols ?? []));
  return nonsense(named.type);
}

/** Values that make a record unusable for sure: no payload, or no aggregate id. */
const fatal = fc.constantFrom(null, '', '   ', '\u0000');

/**
 * A record of the topic's own schema whose values are nonsense, made unusable for sure: `data` null or the
 * aggregate id (the catalogue's key path) null, empty, blank or NUL. Must never create anything.
 */
const nonsenseValues = (topic: TopicName): Arbitrary<Poison> => {
  const schema = schemaFor(topic, latestVersion(topic)) as unknown as AvroType;
  const key = catalogue[topic].key;
  // Mostly the topic's own message type, so the record gets past the envelope check to the handler.
  const type = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(catalogue[topic].messageType, null) },
    { weight: 1, arbitrary: nonsenseText },
  );
  return fc
    .tuple(nonsense(schema) as Arbitrary<Record<string, unknown>>, fatal, fc.boolean(), type)
    .map(([record, value, dropData, messageType]) => {
      const poisoned: Record<string, unknown> = { ...record, message_type: messageType };
      if (dropData) poisoned['data'] = null;
      if (key.length === 1) poisoned[key[0]] = value;
      else if (poisoned['data'] !== null && typeof poisoned['data'] === 'object')
        poisoned['data'] = { ...(poisoned['data'] as object), [key[1]]: value };
      return {
        kind: 'nonsense-values',
        record: poisoned,
        note: dropData ? 'data null' : `${key.join('.')} = ${JSON.stringify(value)}`,
      };
    });
};

/** Every kind of poison for one topic, in equal shares. */
export function poisonFor(topic: TopicName): Record<Poison['kind'], Arbitrary<Poison>> {
  return {
    'random-bytes': randomBytes,
    'truncated-avro': truncated(topic),
    'other-topic': otherTopic(topic),
    'nonsense-values': nonsenseValues(topic),
  };
}

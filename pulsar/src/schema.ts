import avro from 'avsc';
import type { Resolver, Type } from 'avsc';
import { PulsarError } from './errors.ts';
import type { SchemaProto } from './proto/types.ts';
import type { Writer } from './proto/writer.ts';

const SCHEMA_TYPE_AVRO = 4;

/** How message values become bytes and back. Create with `avroSchema(def)` or `bytesSchema()`. */
export interface Schema<T> {
  readonly kind: 'avro' | 'bytes';
  /** Sent on PRODUCER/SUBSCRIBE; undefined for bytes (no schema registered). */
  readonly proto: SchemaProto | undefined;
  /** Appends the encoded value at `w.pos`. */
  encodeTo(value: T, w: Writer): void;
  /** Decodes a payload written with `writerDefinition` (undefined: written with this schema). */
  decode(payload: Buffer, writerDefinition?: string): T;
}

export interface AvroSchemaOptions {
  /** Informational schema name sent to the broker (Java sends the record name). */
  name?: string;
  /** Extra schema properties; defaults mirror the Java AvroSchema (`__alwaysAllowNull`, `__jsr310ConversionEnabled`). */
  properties?: Record<string, string>;
}

/**
 * Avro schema. `definition` is the Avro JSON (object or string); the exact JSON text is what the broker stores.
 * Values are plain Avro binary, as the Java and Python clients write them (no header, no fingerprint).
 */
export function avroSchema<T = Record<string, unknown>>(
  definition: object | string,
  opts: AvroSchemaOptions = {},
): Schema<T> {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const type = avro.Type.forSchema(JSON.parse(text) as avro.Schema);
  const properties = opts.properties ?? { __alwaysAllowNull: 'true', __jsr310ConversionEnabled: 'false' };
  const resolvers = new Map<string, Resolver>();
  return {
    kind: 'avro',
    proto: {
      name: opts.name ?? type.name ?? 'schema',
      schemaData: Buffer.from(text),
      type: SCHEMA_TYPE_AVRO,
      properties: Object.entries(properties).map(([key, value]) => ({ key, value })),
    },
    encodeTo: (value, w) => encodeAvro(type, value, w),
    decode: (payload, writerDefinition) => {
      if (writerDefinition === undefined || writerDefinition === text) return type.fromBuffer(payload) as T;
      let resolver = resolvers.get(writerDefinition);
      if (!resolver) {
        resolver = type.createResolver(avro.Type.forSchema(JSON.parse(writerDefinition) as avro.Schema));
        resolvers.set(writerDefinition, resolver);
      }
      return type.fromBuffer(payload, resolver) as T;
    },
  };
}

function encodeAvro(type: Type, value: unknown, w: Writer): void {
  w.ensure(256);
  let end = encodeChecked(type, value, w);
  if (end < 0) {
    w.ensure(w.buf.length - w.pos - end + 64);
    end = encodeChecked(type, value, w);
  }
  w.pos = end;
}

function encodeChecked(type: Type, value: unknown, w: Writer): number {
  try {
    return type.encode(value, w.buf, w.pos);
  } catch (e) {
    const paths: string[] = [];
    type.isValid(value, { errorHook: (path) => paths.push(path.join('.') || '(root)') });
    throw new PulsarError(
      'InvalidConfiguration',
      `value does not match Avro schema ${type.name ?? ''}: invalid ${paths.join(', ') || (e as Error).message}`,
      { cause: e },
    );
  }
}

/** Raw bytes, no schema registered: the payload is the value. */
export function bytesSchema(): Schema<Uint8Array> {
  return {
    kind: 'bytes',
    proto: undefined,
    encodeTo: (value, w) => w.raw(value),
    decode: (payload) => payload,
  };
}

/**
 * Pre-encoded Avro bytes (an outbox row's value) sent as they are, while `definition` is registered on the
 * topic (and its version stamped on every message). `undefined` sends without a schema, like `bytesSchema()`.
 */
export function rawAvroSchema(definition: string | undefined, opts: AvroSchemaOptions = {}): Schema<Uint8Array> {
  if (definition === undefined) return bytesSchema();
  const proto = avroSchema(definition, opts).proto;
  return { kind: 'avro', proto, encodeTo: (value, w) => w.raw(value), decode: (payload) => payload };
}

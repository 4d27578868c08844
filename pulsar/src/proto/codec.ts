import { Reader } from './reader.ts';
import type { Writer } from './writer.ts';

/**
 * A small table-driven proto2 codec: messages are plain objects keyed by field name, described by
 * hand-written `MessageDef`s whose field numbers follow upstream PulsarApi.proto.
 * `int64` decodes signed (Pulsar treats ledger/entry ids as Java longs, -1 included);
 * `uint64` fields also accept a bigint when encoding (MessageId.latest needs Long.MAX_VALUE).
 */
export type FieldType = 'uint64' | 'int64' | 'int64big' | 'uint32' | 'int32' | 'bool' | 'string' | 'bytes' | 'message';

export interface FieldDef {
  readonly no: number;
  readonly name: string;
  readonly type: FieldType;
  readonly repeated: boolean;
  readonly def: MessageDef | undefined;
}

export interface MessageDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  readonly byNo: readonly (FieldDef | undefined)[];
}

export type FieldSpec = readonly [no: number, name: string, type: FieldType | MessageDef, repeated?: 'repeated'];

export function message(name: string, specs: readonly FieldSpec[]): MessageDef {
  const fields = specs.map(([no, fieldName, type, rep]): FieldDef => ({
    no,
    name: fieldName,
    type: typeof type === 'string' ? type : 'message',
    repeated: rep === 'repeated',
    def: typeof type === 'string' ? undefined : type,
  }));
  const byNo: (FieldDef | undefined)[] = [];
  for (const f of fields) byNo[f.no] = f;
  return { name, fields, byNo };
}

type Obj = Record<string, unknown>;

export function encodeMessage(w: Writer, def: MessageDef, obj: object): void {
  const o = obj as Obj;
  for (const f of def.fields) {
    const v = o[f.name];
    if (v === undefined || v === null) continue;
    if (!f.repeated) encodeField(w, f, v);
    else for (const item of v as unknown[]) encodeField(w, f, item);
  }
}

function encodeField(w: Writer, f: FieldDef, v: unknown): void {
  switch (f.type) {
    case 'string':
      w.tag(f.no, 2);
      return w.string(v as string);
    case 'bytes':
      w.tag(f.no, 2);
      return w.bytes(v as Uint8Array);
    case 'message': {
      w.tag(f.no, 2);
      const mark = w.beginLength();
      encodeMessage(w, f.def as MessageDef, v as object);
      return w.endLength(mark);
    }
    case 'bool':
      w.tag(f.no, 0);
      return w.varint(v ? 1 : 0);
    default:
      w.tag(f.no, 0);
      if (typeof v === 'bigint') return w.bigint(v);
      return w.varint(v as number);
  }
}

export function decodeMessage<T>(def: MessageDef, buf: Buffer, start = 0, end = buf.length): T {
  return decodeWith(def, new Reader(buf, start, end)) as T;
}

function decodeWith(def: MessageDef, r: Reader): Obj {
  const out: Obj = {};
  while (r.pos < r.end) {
    const key = r.uint32();
    const f = def.byNo[key >>> 3];
    if (f === undefined) {
      r.skip(key & 7);
      continue;
    }
    if (f.repeated && (key & 7) === 2 && f.type !== 'string' && f.type !== 'bytes' && f.type !== 'message') {
      decodePacked(f, r, out);
      continue;
    }
    const v = decodeValue(f, r);
    if (!f.repeated) out[f.name] = v;
    else ((out[f.name] ??= []) as unknown[]).push(v);
  }
  return out;
}

function decodePacked(f: FieldDef, r: Reader, out: Obj): void {
  const start = r.span();
  const end = r.pos;
  const arr = (out[f.name] ??= []) as unknown[];
  const sub = new Reader(r.buf, start, end);
  while (sub.pos < sub.end) arr.push(decodeValue(f, sub));
}

function decodeValue(f: FieldDef, r: Reader): unknown {
  switch (f.type) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'bool':
      return r.bool();
    case 'uint32':
      return r.uint32();
    case 'int32':
      return r.int32();
    case 'uint64':
      return r.uint64();
    case 'int64':
      return r.int64();
    case 'int64big':
      return r.bigint64();
    case 'message': {
      const start = r.span();
      return decodeWith(f.def as MessageDef, new Reader(r.buf, start, r.pos));
    }
  }
}

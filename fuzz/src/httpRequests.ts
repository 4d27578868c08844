import fc, { type Arbitrary } from 'fast-check';
import type { JsonSchema, Operation, Parameter } from './openapi.ts';
import { chaosJson, invalidValue, nastyStrings, validValue } from './schemaArbitraries.ts';

export interface FuzzRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, already encoded (or deliberately mis-encoded). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** What kind of input this is, for the report. */
  readonly kind: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));

/** A parameter value: valid for its schema, invalid, or one of the nasty strings. */
const parameterValue = (schema: JsonSchema) =>
  fc.oneof(validValue(schema).map(text), invalidValue(schema).map(text), fc.constantFrom(...nastyStrings));

/** Percent-encoded almost always; sometimes raw, so broken escapes (`%zz`) and `..` reach the router. */
const pathSegment = (schema: JsonSchema) =>
  fc
    .tuple(parameterValue(schema), fc.nat(9))
    .map(([v, n]) => (n === 0 ? v.replace(/[/?#\s]/g, '') : encodeURIComponent(v.toWellFormed())));

function pathOf(operation: Operation): Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const schemaOf = (name: string) =>
    operation.parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
  if (names.length === 0) return fc.constant(operation.path);
  return fc
    .tuple(...names.map((n) => pathSegment(schemaOf(n))))
    .map((values) => names.reduce((path, name, i) => path.replace(`{${name}}`, values[i] as string), operation.path));
}

function queryOf(parameters: readonly Parameter[]): Arbitrary<string> {
  const known = parameters.filter((p) => p.in === 'query');
  const pairs = fc.array(
    fc.oneof(
      ...known.map((p) => parameterValue(p.schema).map((v) => [p.name, v] as const)),
      fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })),
    ),
    { maxLength: 5 },
  );
  const encoded = pairs.map((list) => new URLSearchParams(list.map(([k, v]): [string, string] => [k, v])).toString());
  const raw = fc.constantFrom('%zz=1', 'page=%', '&&&=&', 'page[]=1', 'limit=1&limit=2', '=x', 'a'.repeat(2000) + '=1');
  return fc
    .oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: raw })
    .map((q) => (q === '' ? '' : `?${q}`));
}

const headerText = fc.string({ maxLength: 80, unit: 'binary-ascii' }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

function headersOf(parameters: readonly Parameter[]): Arbitrary<Record<string, string>> {
  const declared = parameters.filter((p) => p.in === 'header');
  const entries = declared.map((p) =>
    fc
      .option(fc.oneof(validValue(p.schema).map(text), headerText), { nil: undefined })
      .map((v) => [p.name, v] as const),
  );
  return fc
    .tuple(...entries)
    .map(
      (list) =>
        Object.fromEntries(list.filter(([, v]) => v !== undefined && /^[\x20-\x7e]*$/.test(v))) as Record<
          string,
          string
        >,
    );
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies for a JSON operation: valid, invalid, chaotic, malformed text, deep, oversized, under a wrong content type. */
export function bodyOf(schema: JsonSchema): Arbitrary<Pick<FuzzRequest, 'headers' | 'body' | 'kind'>> {
  const json = (kind: string, value: Arbitrary<unknown>) =>
    value.map((v) => ({ kind, headers: JSON_TYPE, body: JSON.stringify(v) ?? 'null' }));
  const deep = fc
    .integer({ min: 100, max: 20_000 })
    .chain((n) => fc.constantFrom('[', '{"a":').map((open) => open.repeat(n) + (open === '[' ? ']' : '}').repeat(n)));
  return fc.oneof(
    { weight: 3, arbitrary: json('valid', validValue(schema)) },
    { weight: 6, arbitrary: json('invalid', invalidValue(schema)) },
    { weight: 2, arbitrary: json('chaos', chaosJson) },
    {
      weight: 2,
      arbitrary: validValue(schema).chain((v) =>
        fc
          .nat(Math.max(0, JSON.stringify(v).length - 1))
          .map((cut) => ({ kind: 'truncated', headers: JSON_TYPE, body: JSON.stringify(v).slice(0, cut) })),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 300, unit: 'binary' })
        .map((body) => ({ kind: 'garbage', headers: JSON_TYPE, body })),
    },
    { weight: 1, arbitrary: deep.map((body) => ({ kind: 'deep', headers: JSON_TYPE, body })) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 65 * 1024, max: 1024 * 1024 })
        .map((n) => ({ kind: 'oversized', headers: JSON_TYPE, body: JSON.stringify({ nombre: 'x'.repeat(n) }) })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(wrongContentType, validValue(schema)).map(([type, v]) => ({
        kind: 'content-type',
        headers: type === undefined ? ({} as Record<string, string>) : { 'content-type': type },
        body: JSON.stringify(v),
      })),
    },
  );
}

const wrongContentType = fc.constantFrom(
  undefined,
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/jsonx',
  'application/octet-stream',
  '*/*',
  'application/merge-patch+json',
);

/** Every request the fuzzer may send to one operation. */
export function requestOf(operation: Operation): Arbitrary<FuzzRequest> {
  const target = fc.tuple(pathOf(operation), queryOf(operation.parameters)).map(([p, q]) => p + q);
  const headers = headersOf(operation.parameters);
  if (operation.method === 'GET' || operation.body === undefined) {
    return fc
      .tuple(target, headers)
      .map(([t, h]) => ({ method: operation.method, target: t, headers: h, kind: 'params' }));
  }
  return fc.tuple(target, headers, bodyOf(operation.body)).map(([t, h, b]) => ({
    method: operation.method,
    target: t,
    headers: { ...h, ...b.headers },
    body: b.body,
    kind: b.kind,
  }));
}

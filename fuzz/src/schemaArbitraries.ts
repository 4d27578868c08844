import fc, { type Arbitrary } from 'fast-check';
import type { JsonSchema } from './openapi.ts';

/**
 * Strings that have broken parsers, drivers and databases before: NUL (PostgreSQL text refuses it), lone
 * surrogates, right-to-left and zero-width marks, emoji, SQL and path syntax, percent-encoding, huge numbers.
 */
export const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202e\u200b\ufeff',
  '💥🇪🇸👩‍👩‍👧',
  'Ñandú García',
  '\\',
  '"',
  "'; drop table x; --",
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%ff%fe',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  '2024-13-45',
  '0000-01-01',
  '9999-12-31T23:59:59.999999+99:99',
  '00000000-0000-0000-0000-000000000000',
  '<script>alert(1)</script>',
  '\r\n',
  '\t',
  'x'.repeat(300),
  'é'.repeat(1000),
] as const;

const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength, unit: 'binary' }),
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.constantFrom(...nastyStrings),
  );

/** Any JSON value, including deep ones, big numbers, unicode keys and the nasty strings. */
export const chaosJson: Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, [], {}, ''),
  anyText(200),
  fc.dictionary(anyText(20), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
);

/** A value of the wrong JSON type for `schema` (or of any type when the schema names none). */
export function wrongType(schema: JsonSchema): Arbitrary<unknown> {
  const types = new Set(typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []));
  const candidates: Arbitrary<unknown>[] = [];
  if (!types.has('string')) candidates.push(anyText(30));
  if (!types.has('number') && !types.has('integer')) candidates.push(fc.oneof(fc.integer(), fc.double()));
  if (!types.has('boolean')) candidates.push(fc.boolean());
  if (!types.has('null')) candidates.push(fc.constant(null));
  if (!types.has('array')) candidates.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }));
  if (!types.has('object'))
    candidates.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }));
  return fc.oneof(...candidates);
}

/** A value that the schema accepts (best effort: the system's own validator is the oracle where it matters). */
export function validValue(schema: JsonSchema): Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: 0, max: 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = validValue(schema.items ?? {});
      const bounds = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...bounds, selector: (v) => JSON.stringify(v) })
        : fc.array(items, bounds);
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const arbitraries = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s)]));
      return fc.record(arbitraries, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      return chaosJson;
  }
}

function validString(schema: JsonSchema): Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 200);
  const fits = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'date-time':
      return fc
        .date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') })
        .map((d) => d.toISOString());
    case 'uri':
      return fc.webUrl().filter(fits);
    case undefined:
      break; // no format: from the pattern, or any string of the right length (below)
  }
  if (schema.pattern !== undefined) return matching(schema.pattern, fits);
  const bounds = { minLength: min, maxLength: Math.max(min, max) };
  return fc.oneof(
    fc.string({ ...bounds, unit: 'grapheme' }),
    fc.string(bounds),
    fc.string({ ...bounds, unit: 'binary' }),
  );
}

/** `fc.stringMatching` knows no lookahead: generate from the pattern without it, keep what the whole pattern accepts. */
function matching(pattern: string, fits: (s: string) => boolean): Arbitrary<string> {
  const full = new RegExp(pattern, 'u');
  return fc.stringMatching(new RegExp(withoutLookaheads(pattern))).filter((s) => fits(s) && full.test(s));
}

/** Removes `(?=…)` and `(?!…)` groups, nested parentheses, escapes and character classes included. */
function withoutLookaheads(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    if (!/^\(\?[=!]/.test(pattern.slice(i, i + 3))) {
      out += pattern.slice(i, i + (pattern[i] === '\\' ? 2 : 1));
      i += pattern[i] === '\\' ? 1 : 0;
      continue;
    }
    let depth = 0;
    let inClass = false;
    for (; i < pattern.length; i += 1) {
      const c = pattern[i];
      if (c === '\\') i += 1;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') depth += 1;
      else if (c === ')' && --depth === 0) break;
    }
  }
  return out;
}

/** A value the schema refuses (or may refuse): wrong types, missing and extra fields, broken strings and arrays. */
export function invalidValue(schema: JsonSchema): Arbitrary<unknown> {
  const options: Arbitrary<unknown>[] = [wrongType(schema), chaosJson];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string')
    options.push(anyText(Math.max(80, (schema.maxLength ?? 60) + 5)), fc.constantFrom(...nastyStrings));
  if (type === 'string' && schema.maxLength !== undefined) options.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  if (type === 'array')
    options.push(fc.array(invalidValue(schema.items ?? {}), { minLength: 1, maxLength: 3 }), fc.constant([]));
  if (type === 'object') options.push(invalidObject(schema));
  return fc.oneof(...options);
}

function invalidObject(schema: JsonSchema): Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {});
  const base = validValue(schema) as Arbitrary<Record<string, unknown>>;
  const mutations: Arbitrary<Record<string, unknown>>[] = [
    fc.tuple(base, anyText(30), chaosJson).map(([o, k, v]) => ({ ...o, [`extra_${k}`]: v })),
  ];
  if (properties.length > 0) {
    const key = fc.constantFrom(...properties);
    mutations.push(
      fc.tuple(base, key).map(([o, k]) => {
        const { [k]: _dropped, ...rest } = o;
        return rest;
      }),
    );
    mutations.push(
      fc.tuple(base, key).chain(([o, k]) => invalidValue(schema.properties?.[k] ?? {}).map((v) => ({ ...o, [k]: v }))),
    );
  }
  return fc.oneof(...mutations);
}

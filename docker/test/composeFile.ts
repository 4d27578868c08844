import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: readonly string[] | string;
  readonly environment?: Readonly<Record<string, string | number | null>>;
  readonly ports?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition?: string }>> | readonly string[];
  readonly healthcheck?: { readonly test?: readonly string[] | string };
  readonly profiles?: readonly string[];
  readonly volumes?: readonly string[];
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

/** compose.yaml as Compose reads it: YAML merge keys (`<<: *app`) resolved. */
export function readCompose(): ComposeFile {
  return parse(readFileSync(`${root}compose.yaml`, 'utf8'), { merge: true }) as ComposeFile;
}

export function readYaml(path: string): unknown {
  return parse(readFileSync(`${root}${path}`, 'utf8'));
}

/**
 * The Compose Specification JSON Schema, as the `docker-compose` npm package ships it (a dependency of
 * testcontainers, which `@alpes/infra` depends on). Fails loudly when it is missing: the check is never skipped.
 */
export function composeSpecSchema(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve('docker-compose/schema/compose-spec.json');
  } catch (error) {
    throw new Error(
      'the Compose Specification schema (docker-compose/schema/compose-spec.json) is not installed: run npm install',
      { cause: error },
    );
  }
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  return schema;
}

export interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
}

interface Validator {
  (value: unknown): boolean;
  errors?: SchemaError[] | null;
}

/**
 * Ajv 8 as `@alpes/contracts` declares it (the root's hoisted `ajv` is ESLint's Ajv 6): the Compose schema is
 * draft-07, which Ajv 8 validates by default.
 */
function compileSchema(schema: Record<string, unknown>): Validator {
  const fromContracts = createRequire(fileURLToPath(import.meta.resolve('@alpes/contracts')));
  const { Ajv } = fromContracts('ajv') as {
    Ajv: new (options: Record<string, unknown>) => { compile(schema: unknown): Validator };
  };
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

/** Validation errors of `value` against the Compose Specification (empty = valid). */
export function composeSpecErrors(value: unknown): SchemaError[] {
  const validate = compileSchema(composeSpecSchema());
  return validate(value) ? [] : (validate.errors ?? []);
}

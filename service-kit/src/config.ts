import { Ajv, type AnySchema } from 'ajv';

export interface EnvSpec {
  /** JSON Schema of each variable (values are strings; use `pattern` and `enum`). */
  readonly properties: Record<string, AnySchema>;
  readonly required: readonly string[];
}

const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * Reads the variables `spec` names from `env`, validates them all at once and throws one error that
 * lists every bad or missing key (STYLE.md: config fails fast, listing every bad key).
 */
export function readEnv(service: string, spec: EnvSpec, env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.keys(spec.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') values[key] = value;
  }
  const validate = ajv.compile({ type: 'object', properties: spec.properties, required: [...spec.required] });
  const valid: boolean = validate(values);
  if (!valid) {
    const problems = (validate.errors ?? []).map((e) => {
      const key = e.instancePath.slice(1) || String((e.params as { missingProperty?: string }).missingProperty ?? '');
      return `${key}: ${e.message ?? 'invalid'}`;
    });
    throw new Error(`invalid ${service} configuration:\n  ${problems.join('\n  ')}`);
  }
  return values;
}

/** Common variable schemas. */
export const env = {
  url: (schemes: string) => ({ type: 'string', pattern: `^(${schemes})://` }),
  port: { type: 'string', pattern: '^[0-9]{1,5}$' },
  positiveInt: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
  text: { type: 'string', minLength: 1 },
  /** `tenant/namespace` where the system's topics live (default public/default). */
  namespace: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$' },
} as const;

export function intOf(values: Record<string, string | undefined>, key: string, fallback: number): number {
  const value = values[key];
  return value === undefined ? fallback : Number(value);
}

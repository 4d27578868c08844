import { Ajv } from 'ajv';

/** The relay's configuration, read from the environment once, validated, every bad key listed. */
export interface RelayConfig {
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** PEM file of the broker's CA (PULSAR_TLS_CA), for `pulsar+ssl://` with a private CA. */
  readonly pulsarTlsCa: string | undefined;
  /** When given, the relay turns broker deduplication on for `dedupNamespaces`. */
  readonly pulsarAdminUrl: string | undefined;
  readonly dedupNamespaces: readonly string[];
  /** Namespace of the short topic names the services write (`PULSAR_NAMESPACE`, default public/default). */
  readonly namespace: string;
  /** Postgres schemas whose outbox this process relays. */
  readonly schemas: readonly string[];
  readonly port: number;
  readonly batchSize: number;
  /** Polling fallback when no NOTIFY arrives. */
  readonly pollIntervalMs: number;
  /** Published rows older than this are deleted. */
  readonly retentionHours: number;
  /** How often a standby tries to take the lead. */
  readonly standbyRetryMs: number;
  /** Longest one relay step may take before the process gives up and exits for its supervisor to restart it. */
  readonly stepTimeoutMs: number;
}

const schema = {
  type: 'object',
  required: ['DATABASE_URL', 'PULSAR_URL', 'RELAY_SCHEMAS'],
  properties: {
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    PULSAR_URL: { type: 'string', pattern: '^pulsar(\\+ssl)?://' },
    PULSAR_TOKEN: { type: 'string', minLength: 1 },
    PULSAR_TLS_CA: { type: 'string', minLength: 1 },
    PULSAR_ADMIN_URL: { type: 'string', pattern: '^https?://' },
    RELAY_SCHEMAS: { type: 'string', pattern: '^[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*$' },
    PULSAR_NAMESPACE: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$' },
    RELAY_DEDUP_NAMESPACES: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+(,[\\w.-]+/[\\w.-]+)*$' },
    RELAY_PORT: { type: 'string', pattern: '^[0-9]{1,5}$' },
    RELAY_BATCH_SIZE: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' },
    RELAY_POLL_INTERVAL_MS: { type: 'string', pattern: '^[1-9][0-9]{1,6}$' },
    RELAY_RETENTION_HOURS: { type: 'string', pattern: '^[0-9]{1,5}$' },
    RELAY_STANDBY_RETRY_MS: { type: 'string', pattern: '^[1-9][0-9]{1,6}$' },
    RELAY_STEP_TIMEOUT_MS: { type: 'string', pattern: '^[1-9][0-9]{3,6}$' },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(schema);

export function loadConfig(env: NodeJS.ProcessEnv): RelayConfig {
  const relevant: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(schema.properties)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const valid: boolean = validate(relevant);
  if (!valid) {
    const problems = (validate.errors ?? []).map(
      (e) => `${e.instancePath.slice(1) || (e.params as { missingProperty?: string }).missingProperty}: ${e.message}`,
    );
    throw new Error(`invalid outbox-relay configuration:\n  ${problems.join('\n  ')}`);
  }
  const number = (key: string, fallback: number) => (relevant[key] === undefined ? fallback : Number(relevant[key]));
  return {
    databaseUrl: relevant['DATABASE_URL'] as string,
    pulsarUrl: relevant['PULSAR_URL'] as string,
    pulsarToken: relevant['PULSAR_TOKEN'],
    pulsarTlsCa: relevant['PULSAR_TLS_CA'],
    pulsarAdminUrl: relevant['PULSAR_ADMIN_URL'],
    dedupNamespaces: (relevant['RELAY_DEDUP_NAMESPACES'] ?? relevant['PULSAR_NAMESPACE'] ?? 'public/default').split(
      ',',
    ),
    namespace: relevant['PULSAR_NAMESPACE'] ?? 'public/default',
    schemas: (relevant['RELAY_SCHEMAS'] as string).split(','),
    port: number('RELAY_PORT', 9464),
    batchSize: number('RELAY_BATCH_SIZE', 500),
    pollIntervalMs: number('RELAY_POLL_INTERVAL_MS', 1000),
    retentionHours: number('RELAY_RETENTION_HOURS', 24),
    standbyRetryMs: number('RELAY_STANDBY_RETRY_MS', 1000),
    stepTimeoutMs: number('RELAY_STEP_TIMEOUT_MS', 60_000),
  };
}

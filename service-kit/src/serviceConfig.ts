import type { AnySchema } from 'ajv';
import { env, intOf, readEnv } from './config.ts';
import type { Level } from './logger.ts';

/** What every service process reads: where it listens, PostgreSQL, Pulsar, logs and consumer retries. */
export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** PEM file of the broker's CA (PULSAR_TLS_CA), for `pulsar+ssl://` with a private CA. */
  readonly pulsarTlsCa: string | undefined;
  /** The relay's database role, granted this service's outbox at start (OUTBOX_RELAY_ROLE; secure mode). */
  readonly outboxRelayRole: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly logLevel: Level;
  /** Redelivery delay and count before a message is dead-lettered; messages handled at once per topic. */
  readonly consumer: { readonly maxRedeliveries: number; readonly retryDelayMs: number; readonly concurrency: number };
}

const commonProperties = {
  PORT: env.port,
  HOST: env.text,
  DATABASE_URL: env.url('postgres|postgresql'),
  PULSAR_URL: env.url('pulsar|pulsar\\+ssl'),
  PULSAR_TOKEN: env.text,
  PULSAR_TLS_CA: env.text,
  OUTBOX_RELAY_ROLE: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$' },
  PULSAR_NAMESPACE: env.namespace,
  LOG_LEVEL: { type: 'string', pattern: '^(debug|info|warn|error|DEBUG|INFO|WARN|ERROR)$' },
  CONSUMER_MAX_REDELIVERIES: env.positiveInt,
  CONSUMER_RETRY_DELAY_MS: env.positiveInt,
  CONSUMER_CONCURRENCY: env.positiveInt,
} as const;

/**
 * Messages handled at once per consumer. Messages of one key (one aggregate) still run one at a time, in
 * order (`orderByKey` of @alpes/pulsar), so this only overlaps different aggregates.
 */
export const DEFAULT_CONCURRENCY = 8;

export interface ServiceConfigOptions {
  readonly defaultPort: number;
  readonly defaultConcurrency?: number;
  /** The service's own variables, validated together with the common ones. */
  readonly extra?: Record<string, AnySchema>;
}

/**
 * Reads and validates the common variables and the service's own in one pass (one error lists every bad
 * or missing key); returns the common config and the raw values for the service's own keys.
 */
export function loadServiceConfig(service: string, environment: NodeJS.ProcessEnv, options: ServiceConfigOptions) {
  const values = readEnv(
    service,
    { required: ['DATABASE_URL', 'PULSAR_URL'], properties: { ...commonProperties, ...options.extra } },
    environment,
  );
  const config: ServiceConfig = {
    port: intOf(values, 'PORT', options.defaultPort),
    host: values['HOST'] ?? '127.0.0.1',
    databaseUrl: values['DATABASE_URL'] as string,
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarTlsCa: values['PULSAR_TLS_CA'],
    outboxRelayRole: values['OUTBOX_RELAY_ROLE'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    logLevel: (values['LOG_LEVEL']?.toLowerCase() as Level | undefined) ?? 'info',
    consumer: {
      maxRedeliveries: intOf(values, 'CONSUMER_MAX_REDELIVERIES', 5),
      retryDelayMs: intOf(values, 'CONSUMER_RETRY_DELAY_MS', 1000),
      concurrency: intOf(values, 'CONSUMER_CONCURRENCY', options.defaultConcurrency ?? DEFAULT_CONCURRENCY),
    },
  };
  return { config, values };
}

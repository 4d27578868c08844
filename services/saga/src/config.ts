import { env, intOf, readEnv, type Level } from '@alpes/service-kit';
import type { Politica } from './domain/index.ts';

export interface SagaConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly logLevel: Level;
  readonly politica: Politica;
  readonly deadlinePollMs: number;
  readonly retryDelayMs: number;
  readonly maxRedeliveries: number;
  readonly concurrency: number;
}

const spec = {
  required: ['DATABASE_URL', 'PULSAR_URL'],
  properties: {
    PORT: env.port,
    HOST: env.text,
    DATABASE_URL: env.url('postgres|postgresql'),
    PULSAR_URL: env.url('pulsar|pulsar\\+ssl'),
    PULSAR_TOKEN: env.text,
    PULSAR_NAMESPACE: env.namespace,
    LOG_LEVEL: { type: 'string', pattern: '^(debug|info|warn|error|DEBUG|INFO|WARN|ERROR)$' },
    SAGA_STEP_TIMEOUT_MS: env.positiveInt,
    SAGA_COMPENSATION_RETRY_MS: env.positiveInt,
    SAGA_COMPENSATION_RETRY_MAX_MS: env.positiveInt,
    SAGA_COMPENSATION_MAX_ATTEMPTS: env.positiveInt,
    SAGA_DEADLINE_POLL_MS: env.positiveInt,
    CONSUMER_RETRY_DELAY_MS: env.positiveInt,
    CONSUMER_MAX_REDELIVERIES: env.positiveInt,
    CONSUMER_CONCURRENCY: env.positiveInt,
  },
} as const;

/** The only reader of process.env; every bad key is listed at once. */
export function loadConfig(environment: NodeJS.ProcessEnv): SagaConfig {
  const values = readEnv('saga', spec, environment);
  return {
    port: intOf(values, 'PORT', 8084),
    host: values['HOST'] ?? '127.0.0.1',
    databaseUrl: values['DATABASE_URL'] as string,
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    logLevel: (values['LOG_LEVEL']?.toLowerCase() as Level | undefined) ?? 'info',
    politica: {
      plazoPasoMs: intOf(values, 'SAGA_STEP_TIMEOUT_MS', 30_000),
      compensacion: {
        baseMs: intOf(values, 'SAGA_COMPENSATION_RETRY_MS', 5000),
        maxMs: intOf(values, 'SAGA_COMPENSATION_RETRY_MAX_MS', 60_000),
        maxIntentos: intOf(values, 'SAGA_COMPENSATION_MAX_ATTEMPTS', 20),
      },
    },
    deadlinePollMs: intOf(values, 'SAGA_DEADLINE_POLL_MS', 500),
    retryDelayMs: intOf(values, 'CONSUMER_RETRY_DELAY_MS', 1000),
    maxRedeliveries: intOf(values, 'CONSUMER_MAX_REDELIVERIES', 5),
    concurrency: intOf(values, 'CONSUMER_CONCURRENCY', 4),
  };
}

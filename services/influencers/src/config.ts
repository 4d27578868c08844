import { env, intOf, readEnv } from '@alpes/service-kit';
import type { Level } from '@alpes/service-kit';

/** The influencers service's configuration (the only reader of `process.env`). */
export interface InfluencersConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly logLevel: Level;
  /** Delay before a failed message is redelivered, and redeliveries before it is dead-lettered. */
  readonly retryDelayMs: number;
  readonly maxRedeliveries: number;
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
    CONSUMER_RETRY_DELAY_MS: env.positiveInt,
    CONSUMER_MAX_REDELIVERIES: env.positiveInt,
  },
} as const;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): InfluencersConfig {
  const values = readEnv('influencers', spec, environment);
  return {
    port: intOf(values, 'PORT', 8000),
    host: values['HOST'] ?? '127.0.0.1',
    databaseUrl: values['DATABASE_URL'] as string,
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    logLevel: (values['LOG_LEVEL']?.toLowerCase() as Level | undefined) ?? 'info',
    retryDelayMs: intOf(values, 'CONSUMER_RETRY_DELAY_MS', 1000),
    maxRedeliveries: intOf(values, 'CONSUMER_MAX_REDELIVERIES', 5),
  };
}

import { env, intOf, readEnv, type Level } from '@alpes/service-kit';

/** The service's configuration, read from the environment once (the only reader of `process.env`). */
export interface CampanasConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly logLevel: Level;
  readonly consumer: { readonly maxRedeliveries: number; readonly retryDelayMs: number };
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
    LOG_LEVEL: { type: 'string', enum: ['debug', 'info', 'warn', 'error'] },
    CONSUMER_MAX_REDELIVERIES: env.positiveInt,
    CONSUMER_RETRY_DELAY_MS: env.positiveInt,
  },
} as const;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): CampanasConfig {
  const values = readEnv('campanas', spec, environment);
  return {
    port: intOf(values, 'PORT', 8001),
    host: values['HOST'] ?? '127.0.0.1',
    databaseUrl: values['DATABASE_URL'] as string,
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    logLevel: (values['LOG_LEVEL'] as Level | undefined) ?? 'info',
    consumer: {
      maxRedeliveries: intOf(values, 'CONSUMER_MAX_REDELIVERIES', 5),
      retryDelayMs: intOf(values, 'CONSUMER_RETRY_DELAY_MS', 1000),
    },
  };
}

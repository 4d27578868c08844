import { env, intOf, readEnv } from '@alpes/service-kit';

/** The BFF's configuration, read from the environment once (the only reader of `process.env`). */
export interface BffConfig {
  readonly port: number;
  readonly host: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly sagaUrl: string;
  /** `*` or a list of allowed origins. */
  readonly corsOrigins: '*' | readonly string[];
  readonly sendTimeoutMs: number;
  readonly bodyLimit: number;
  readonly stream: {
    readonly heartbeatMs: number;
    readonly bufferSize: number;
    readonly maxBufferedBytes: number;
    readonly maxPending: number;
    readonly retryMs: number;
  };
}

const spec = {
  required: ['PULSAR_URL'],
  properties: {
    PORT: env.port,
    HOST: env.text,
    PULSAR_URL: env.url('pulsar|pulsar\\+ssl'),
    PULSAR_TOKEN: env.text,
    PULSAR_NAMESPACE: env.namespace,
    SAGA_URL: env.url('https?'),
    CORS_ORIGINS: { type: 'string', pattern: '^(\\*|https?://[^,\\s]+(,https?://[^,\\s]+)*)$' },
    BFF_SEND_TIMEOUT_MS: env.positiveInt,
    BFF_BODY_LIMIT_BYTES: env.positiveInt,
    SSE_HEARTBEAT_MS: env.positiveInt,
    SSE_REPLAY_BUFFER: { type: 'string', pattern: '^[0-9]{1,7}$' },
    SSE_CLIENT_MAX_BUFFERED_BYTES: env.positiveInt,
    SSE_CLIENT_MAX_PENDING: env.positiveInt,
    SSE_RETRY_MS: env.positiveInt,
  },
} as const;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): BffConfig {
  const values = readEnv('bff', spec, environment);
  const origins = values['CORS_ORIGINS'] ?? '*';
  return {
    port: intOf(values, 'PORT', 8004),
    host: values['HOST'] ?? '0.0.0.0',
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    sagaUrl: values['SAGA_URL'] ?? 'http://127.0.0.1:8084',
    corsOrigins: origins === '*' ? '*' : origins.split(','),
    sendTimeoutMs: intOf(values, 'BFF_SEND_TIMEOUT_MS', 5000),
    bodyLimit: intOf(values, 'BFF_BODY_LIMIT_BYTES', 64 * 1024),
    stream: {
      heartbeatMs: intOf(values, 'SSE_HEARTBEAT_MS', 15_000),
      bufferSize: intOf(values, 'SSE_REPLAY_BUFFER', 1000),
      maxBufferedBytes: intOf(values, 'SSE_CLIENT_MAX_BUFFERED_BYTES', 1024 * 1024),
      maxPending: intOf(values, 'SSE_CLIENT_MAX_PENDING', 1000),
      retryMs: intOf(values, 'SSE_RETRY_MS', 2000),
    },
  };
}

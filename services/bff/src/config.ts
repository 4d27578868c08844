import { env, intOf, readEnv } from '@alpes/service-kit';
import type { EdgeLimits } from './adapters/http/edgeLimits.ts';

/** The BFF's configuration, read from the environment once (the only reader of `process.env`). */
export interface BffConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarToken: string | undefined;
  readonly pulsarTlsCa: string | undefined;
  /** `tenant/namespace` of the system's topics (PULSAR_NAMESPACE, default public/default). */
  readonly pulsarNamespace: string;
  readonly sagaUrl: string;
  /** The outbox relay: the BFF reads the dead-letter depths of its `/metrics` for operators. */
  readonly relayUrl: string;
  /** `*` or a list of allowed origins. */
  readonly corsOrigins: '*' | readonly string[];
  readonly sendTimeoutMs: number;
  readonly bodyLimit: number;
  /** Signs the registrants' capability tokens and the operators' stream tickets (BFF_SECRET). */
  readonly secret: string;
  /** Operators' bearer token; without it nobody is an operator (BFF_OPERATOR_TOKEN). */
  readonly operatorToken: string | undefined;
  /** Hops of trusted proxies in front (Cloud Run: 1), so per-address limits see the client's address. */
  readonly trustProxy: number;
  readonly limits: EdgeLimits;
  readonly stream: {
    readonly heartbeatMs: number;
    readonly bufferSize: number;
    readonly maxBufferedBytes: number;
    readonly maxPending: number;
    readonly retryMs: number;
  };
}

const secret = { type: 'string', minLength: 32 } as const;
const count = { type: 'string', pattern: '^[0-9]{1,7}$' } as const;

const spec = {
  required: ['PULSAR_URL', 'DATABASE_URL', 'BFF_SECRET'],
  properties: {
    PORT: env.port,
    HOST: env.text,
    DATABASE_URL: env.url('postgres|postgresql'),
    PULSAR_URL: env.url('pulsar|pulsar\\+ssl'),
    PULSAR_TOKEN: env.text,
    PULSAR_TLS_CA: env.text,
    PULSAR_NAMESPACE: env.namespace,
    SAGA_URL: env.url('https?'),
    RELAY_URL: env.url('https?'),
    CORS_ORIGINS: { type: 'string', pattern: '^(\\*|https?://[^,\\s]+(,https?://[^,\\s]+)*)$' },
    BFF_SEND_TIMEOUT_MS: env.positiveInt,
    BFF_BODY_LIMIT_BYTES: env.positiveInt,
    BFF_SECRET: secret,
    BFF_OPERATOR_TOKEN: secret,
    BFF_TRUST_PROXY: { type: 'string', pattern: '^[0-9]$' },
    BFF_RATE_LIMIT_MAX: count,
    BFF_RATE_LIMIT_WINDOW_MS: env.positiveInt,
    BFF_REQUEST_TIMEOUT_MS: env.positiveInt,
    BFF_KEEP_ALIVE_TIMEOUT_MS: env.positiveInt,
    SSE_MAX_CLIENTS: env.positiveInt,
    SSE_MAX_CLIENTS_PER_ADDRESS: env.positiveInt,
    SSE_MAX_CATCHUP_READERS: env.positiveInt,
    SSE_REPLAY_WINDOW: env.positiveInt,
    SSE_REPLAY_WINDOW_MS: env.positiveInt,
    SSE_HEARTBEAT_MS: env.positiveInt,
    SSE_REPLAY_BUFFER: count,
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
    // Loopback unless told otherwise: the image, compose and Cloud Run set HOST=0.0.0.0 (issue 16).
    host: values['HOST'] ?? '127.0.0.1',
    databaseUrl: values['DATABASE_URL'] as string,
    pulsarUrl: values['PULSAR_URL'] as string,
    pulsarToken: values['PULSAR_TOKEN'],
    pulsarTlsCa: values['PULSAR_TLS_CA'],
    pulsarNamespace: values['PULSAR_NAMESPACE'] ?? 'public/default',
    sagaUrl: values['SAGA_URL'] ?? 'http://127.0.0.1:8084',
    relayUrl: values['RELAY_URL'] ?? 'http://127.0.0.1:9464',
    corsOrigins: origins === '*' ? '*' : origins.split(','),
    sendTimeoutMs: intOf(values, 'BFF_SEND_TIMEOUT_MS', 5000),
    bodyLimit: intOf(values, 'BFF_BODY_LIMIT_BYTES', 64 * 1024),
    secret: values['BFF_SECRET'] as string,
    operatorToken: values['BFF_OPERATOR_TOKEN'],
    trustProxy: intOf(values, 'BFF_TRUST_PROXY', 0),
    limits: {
      registrationsPerWindow: intOf(values, 'BFF_RATE_LIMIT_MAX', 10),
      registrationWindowMs: intOf(values, 'BFF_RATE_LIMIT_WINDOW_MS', 60_000),
      requestTimeoutMs: intOf(values, 'BFF_REQUEST_TIMEOUT_MS', 10_000),
      keepAliveTimeoutMs: intOf(values, 'BFF_KEEP_ALIVE_TIMEOUT_MS', 5_000),
      maxStreams: intOf(values, 'SSE_MAX_CLIENTS', 1000),
      maxStreamsPerAddress: intOf(values, 'SSE_MAX_CLIENTS_PER_ADDRESS', 20),
      maxCatchUpReaders: intOf(values, 'SSE_MAX_CATCHUP_READERS', 4),
      replayWindow: intOf(values, 'SSE_REPLAY_WINDOW', 10_000),
      replayWindowMs: intOf(values, 'SSE_REPLAY_WINDOW_MS', 15 * 60_000),
    },
    stream: {
      heartbeatMs: intOf(values, 'SSE_HEARTBEAT_MS', 15_000),
      bufferSize: intOf(values, 'SSE_REPLAY_BUFFER', 1000),
      maxBufferedBytes: intOf(values, 'SSE_CLIENT_MAX_BUFFERED_BYTES', 1024 * 1024),
      maxPending: intOf(values, 'SSE_CLIENT_MAX_PENDING', 1000),
      retryMs: intOf(values, 'SSE_RETRY_MS', 2000),
    },
  };
}

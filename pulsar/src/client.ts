import type { BackoffOptions } from './backoff.ts';
import { DEFAULT_BACKOFF } from './backoff.ts';
import { ConnectionPool } from './connection/pool.ts';
import { lookupTopic } from './connection/lookup.ts';
import { parseServiceUrl } from './connection/socket.ts';
import type { TlsOptions } from './connection/socket.ts';
import { createConsumer } from './consumer/consumer.ts';
import type { Consumer, ConsumerOptions } from './consumer/types.ts';
import type { ClientContext } from './context.ts';
import { PulsarError } from './errors.ts';
import { silentLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { createProducer } from './producer/producer.ts';
import type { Producer, ProducerOptions } from './producer/types.ts';
import { createReader } from './reader.ts';
import type { Reader, ReaderOptions } from './reader.ts';

export interface ClientOptions {
  /** `pulsar://host:6650` or `pulsar+ssl://host:6651`. */
  serviceUrl: string;
  /** Token authentication: the JWT, or a function called on every (re)connect and auth challenge. */
  token?: string | (() => string | Promise<string>);
  tls?: TlsOptions;
  /** Timeout of lookups, producer/consumer creation and other requests. Default 30 000 ms. */
  operationTimeoutMs?: number;
  /** Ping after this much silence; close the connection after twice as much. Default 30 000 ms. */
  keepAliveIntervalMs?: number;
  /** Reconnect backoff. Default 100 ms doubling up to 30 s, with jitter. */
  backoff?: Partial<BackoffOptions>;
  logger?: Logger;
}

export interface PulsarClient {
  createProducer<T>(opts: ProducerOptions<T>): Promise<Producer<T>>;
  subscribe<T>(opts: ConsumerOptions<T>): Promise<Consumer<T>>;
  createReader<T>(opts: ReaderOptions<T>): Promise<Reader<T>>;
  /** A lookup round trip to the broker (for health endpoints); rejects when the broker cannot answer. */
  checkHealth(): Promise<void>;
  /** Closes every producer (after flushing), consumer and reader, then the connections. */
  close(): Promise<void>;
}

export function createPulsarClient(opts: ClientOptions): PulsarClient {
  const service = parseServiceUrl(opts.serviceUrl);
  const logger = opts.logger ?? silentLogger;
  const operationTimeoutMs = opts.operationTimeoutMs ?? 30_000;
  const token = opts.token;
  const auth = token === undefined ? undefined : { token: typeof token === 'function' ? token : () => token };
  const pool = new ConnectionPool({
    tls: opts.tls,
    auth,
    operationTimeoutMs,
    keepAliveMs: opts.keepAliveIntervalMs ?? 30_000,
    logger,
  });
  const open = new Set<{ close(): Promise<void> }>();
  let nextId = 0;
  let closed = false;
  const ctx: ClientContext = {
    pool,
    service,
    logger,
    operationTimeoutMs,
    backoff: { ...DEFAULT_BACKOFF, ...opts.backoff },
    newId: () => nextId++,
    track: (c) => {
      open.add(c);
      return () => open.delete(c);
    },
  };
  const guard = (): void => {
    if (closed) throw new PulsarError('AlreadyClosed', 'the Pulsar client is closed');
  };
  return {
    createProducer: async (o) => (guard(), createProducer(ctx, o)),
    subscribe: async (o) => (guard(), createConsumer(ctx, o)),
    createReader: async (o) => (guard(), createReader(ctx, o)),
    checkHealth: async () => {
      guard();
      await lookupTopic(pool, service, 'persistent://public/default/__alpes_health');
    },
    close: async () => {
      closed = true;
      await Promise.allSettled([...open].map((c) => c.close()));
      await pool.close();
    },
  };
}

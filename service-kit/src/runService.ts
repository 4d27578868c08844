import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { sql } from 'slonik';
import {
  createPool,
  createPostgresEventStore,
  migrate,
  type DatabasePool,
  type Migration,
  type PostgresEventStore,
} from '@alpes/eventstore/postgres';
import type { PulsarClient } from '@alpes/pulsar';
import type { HealthCheck } from './app.ts';
import { watchConsumers, type WatchedConsumer } from './consumerWatch.ts';
import { createLogger, type ProcessLogger } from './logger.ts';
import { createProcessPulsarClient } from './pulsarClient.ts';
import type { ServiceConfig } from './serviceConfig.ts';
import { createShutdown } from './shutdown.ts';
import { startTracing } from './tracing.ts';

/** `/health`'s three checks of a domain service: PostgreSQL, the broker, its consumers (`watchConsumers`). */
export interface ServiceChecks {
  readonly database: HealthCheck;
  readonly broker: HealthCheck;
  readonly consumers: HealthCheck;
}

/** What the template made, handed to the service's own parts. */
export interface ServiceParts<C, M> {
  readonly config: C;
  readonly log: ProcessLogger;
  readonly metrics: M;
  readonly pool: DatabasePool;
  readonly store: PostgresEventStore;
  readonly pulsar: PulsarClient;
  /** Closed at shutdown, or when the start fails, in reverse order of registration (after the HTTP server). */
  readonly closeAtShutdown: (name: string, close: () => Promise<unknown>) => void;
  /** What `startCommandConsumers` takes from the process: client, store, log, metrics, namespace, retries. */
  readonly consumerOptions: {
    readonly client: PulsarClient;
    readonly store: PostgresEventStore;
    readonly log: ProcessLogger;
    readonly metrics: M;
    readonly namespace: string;
  } & ServiceConfig['consumer'];
}

/** What `buildQueryApp` takes from the process, the queries aside. */
export interface QueryParts {
  readonly logger: ProcessLogger['pino'];
  readonly checks: ServiceChecks;
  readonly registry: Registry;
}

/** A consumer the template watches and closes. */
export interface ClosableConsumer extends WatchedConsumer {
  close(): Promise<void>;
}

/** One domain service process: its name, schema and migrations, and its own parts. */
export interface ServiceDefinition<C extends ServiceConfig, M extends { readonly registry: Registry }> {
  readonly name: string;
  readonly schema: string;
  readonly migrations: readonly Migration[];
  readonly loadConfig: (environment: NodeJS.ProcessEnv) => C;
  readonly createMetrics: (config: C) => M;
  /** Its consumers (and whatever runs beside them, registered with `closeAtShutdown`). */
  readonly startConsumers: (parts: ServiceParts<C, M>) => Promise<readonly ClosableConsumer[]>;
  /** Its HTTP app, not listening. */
  readonly buildApp: (
    parts: ServiceParts<C, M> & { readonly checks: ServiceChecks; readonly queryParts: QueryParts },
  ) => Promise<FastifyInstance>;
  /** More fields for the "listening" log line. */
  readonly describe?: (config: C) => Record<string, unknown>;
}

/**
 * The composition of every domain service, in one place: config → logger, tracing, metrics → pool and migrations
 * → event store → Pulsar client → consumers (watched) → HTTP app → listen. Every resource is registered for
 * closing as it is made, so SIGTERM closes them in reverse order, and a start that fails halfway closes what it
 * had made before it exits non-zero with the reason.
 */
export async function runService<C extends ServiceConfig, M extends { readonly registry: Registry }>(
  definition: ServiceDefinition<C, M>,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  let config: C;
  try {
    config = definition.loadConfig(environment);
  } catch (error) {
    console.error(`${definition.name} could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const log = createLogger({ name: definition.name, level: config.logLevel });
  const shutdown = createShutdown(log);
  try {
    // First made, last closed: the spans of the shutdown itself are exported too.
    const tracing = await startTracing(definition.name);
    shutdown.add('tracing', () => tracing.shutdown());
    const metrics = definition.createMetrics(config);
    const { schema } = definition;
    const pool = await createPool(config.databaseUrl, { schema });
    shutdown.add('database pool', () => pool.end());
    const applied = await migrate(pool, {
      schema,
      migrations: definition.migrations,
      outboxReader: config.outboxRelayRole,
    });
    if (applied.length > 0)
      log('info', 'migrations applied', { schema, applied: applied.map((m) => `${m.scope}:${m.version}`) });
    const store = createPostgresEventStore({ pool, schema });
    const pulsar = createProcessPulsarClient(config, log);
    shutdown.add('pulsar client', () => pulsar.close());
    const consumerOptions = {
      client: pulsar,
      store,
      log,
      metrics,
      namespace: config.pulsarNamespace,
      ...config.consumer,
    };
    const parts: ServiceParts<C, M> = {
      config,
      log,
      metrics,
      pool,
      store,
      pulsar,
      closeAtShutdown: shutdown.add,
      consumerOptions,
    };
    const consumers = await definition.startConsumers(parts);
    shutdown.add('consumers', () => Promise.all(consumers.map((consumer) => consumer.close())));
    const watch = watchConsumers(consumers, {
      log,
      registry: metrics.registry,
      onFailed: (error) => void shutdown.fail(`consumer failed: ${error.message}`),
    });
    shutdown.add('consumer watch', async () => watch.stop());
    const checks: ServiceChecks = {
      database: async () => {
        await pool.query(sql.unsafe`select 1`);
      },
      broker: () => pulsar.checkHealth(),
      consumers: watch.check,
    };
    const queryParts = { logger: log.pino, checks, registry: metrics.registry };
    const app = await definition.buildApp({ ...parts, checks, queryParts });
    shutdown.add('http server', () => app.close());
    await app.listen({ port: config.port, host: config.host });
    log('info', `${definition.name} listening on http://${config.host}:${config.port}`, {
      pulsar: config.pulsarUrl,
      ...definition.describe?.(config),
    });
  } catch (error) {
    console.error(`${definition.name} could not start: ${(error as Error).message}`);
    await shutdown.fail('start failed');
  }
}

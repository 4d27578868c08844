// Composition root: config → pool → migrations → event store → Pulsar → consumers → deadline scheduler → HTTP.
// SIGTERM/SIGINT close in reverse order of creation.
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import {
  createLogger,
  createProcessPulsarClient,
  createShutdown,
  failStartup,
  watchConsumers,
  startTracing,
} from '@alpes/service-kit';
import { sql } from 'slonik';
import { startSagaConsumers } from './adapters/messaging/sagaConsumers.ts';
import { topicRouter } from './adapters/messaging/topics.ts';
import { startDeadlineScheduler } from './adapters/postgres/deadlineScheduler.ts';
import { sagaMigrations } from './adapters/postgres/migrations.ts';
import { createSagaQueries } from './adapters/postgres/sagaQueries.ts';
import { createSagaRunner } from './adapters/postgres/sagaRunner.ts';
import { buildApp } from './app.ts';
import { loadConfig, type SagaConfig } from './config.ts';
import { createSagaMetrics } from './metrics.ts';

const SCHEMA = 'saga';

async function start(config: SagaConfig): Promise<void> {
  const log = createLogger({ name: 'saga', level: config.logLevel });
  const shutdown = createShutdown(log);
  // First created, last closed: the spans of the shutdown itself are exported too.
  const tracing = await startTracing('saga');
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = createSagaMetrics();
  metrics.stepDeadline.set(config.politica.plazoPasoMs / 1000);
  const pool = await createPool(config.databaseUrl, { schema: SCHEMA });
  shutdown.add('database pool', () => pool.end());
  await migrate(pool, { schema: SCHEMA, migrations: sagaMigrations, outboxReader: config.outboxRelayRole });
  const store = createPostgresEventStore({ pool, schema: SCHEMA });
  const runner = createSagaRunner({ store, politica: config.politica, route: topicRouter(), metrics });
  const queries = createSagaQueries(pool, SCHEMA);
  const pulsar = createProcessPulsarClient(config, log);
  shutdown.add('pulsar client', () => pulsar.close());
  const consumers = await startSagaConsumers({
    client: pulsar,
    runner,
    log,
    metrics,
    namespace: config.pulsarNamespace,
    ...config.consumer,
  });
  shutdown.add('consumers', () => Promise.all(consumers.map((c) => c.close())));
  const watch = watchConsumers(consumers, {
    log,
    registry: metrics.registry,
    onFailed: (error) => void shutdown.fail(`consumer failed: ${error.message}`),
  });
  shutdown.add('consumer watch', async () => watch.stop());
  const scheduler = startDeadlineScheduler({ queries, runner, metrics, log, pollMs: config.deadlinePollMs });
  shutdown.add('deadline scheduler', () => scheduler.stop());
  const app = await buildApp({
    logger: log.pino,
    queries,
    registry: metrics.registry,
    checks: {
      database: async () => {
        await pool.query(sql.unsafe`select 1`);
      },
      broker: () => pulsar.checkHealth(),
      consumers: watch.check,
    },
  });
  shutdown.add('http server', () => app.close());
  await app.listen({ port: config.port, host: config.host });
  log('info', `saga listening on http://${config.host}:${config.port}`, { stepTimeoutMs: config.politica.plazoPasoMs });
}

try {
  await start(loadConfig(process.env));
} catch (error) {
  failStartup('saga', error);
}

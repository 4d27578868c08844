// Composition root: config → pool → migrations → event store → Pulsar → consumers → HTTP; SIGTERM closes in reverse.
import { fullTopicName } from '@alpes/contracts';
import { sql } from 'slonik';
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import {
  createLogger,
  createProcessPulsarClient,
  createServiceMetrics,
  createShutdown,
  failStartup,
  watchConsumers,
  startTracing,
} from '@alpes/service-kit';
import { startContratosConsumers } from './adapters/messaging/contratoConsumers.ts';
import { contratosMigrations } from './adapters/postgres/migrations.ts';
import { createPostgresContratoQueries } from './adapters/postgres/contratosQueries.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SCHEMA = 'contratos';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  failStartup('contratos', error);
}
const log = createLogger({ name: 'contratos', level: config.logLevel });
const shutdown = createShutdown(log);
// First created, last closed: the spans of the shutdown itself are exported too.
const tracing = await startTracing('contratos');
shutdown.add('tracing', () => tracing.shutdown());
const metrics = createServiceMetrics('contratos');

try {
  const pool = await createPool(config.databaseUrl, { schema: SCHEMA });
  shutdown.add('database pool', () => pool.end());
  const applied = await migrate(pool, {
    schema: SCHEMA,
    migrations: contratosMigrations,
    outboxReader: config.outboxRelayRole,
  });
  log('info', 'migrations applied', { schema: SCHEMA, applied: applied.map((m) => `${m.scope}:${m.version}`) });
  const store = createPostgresEventStore({ pool, schema: SCHEMA });

  const pulsar = createProcessPulsarClient(config, log);
  shutdown.add('pulsar client', () => pulsar.close());

  const topics = {
    'comandos-contratos-v2': fullTopicName('comandos-contratos-v2', config.pulsarNamespace),
    'comandos-contratos-eliminacion': fullTopicName('comandos-contratos-eliminacion', config.pulsarNamespace),
  };
  const consumers = await startContratosConsumers({ client: pulsar, store, log, metrics, ...config.consumer, topics });
  shutdown.add('consumers', () => Promise.all(consumers.map((consumer) => consumer.close())));
  const watch = watchConsumers(consumers, {
    log,
    registry: metrics.registry,
    onFailed: (error) => void shutdown.fail(`consumer failed: ${error.message}`),
  });
  shutdown.add('consumer watch', async () => watch.stop());

  const app = await buildApp({
    logger: log.pino,
    queries: createPostgresContratoQueries(pool, SCHEMA),
    checks: {
      database: async () => {
        await pool.query(sql.unsafe`select 1`);
      },
      broker: () => pulsar.checkHealth(),
      consumers: watch.check,
    },
    registry: metrics.registry,
  });
  shutdown.add('http server', () => app.close());
  await app.listen({ port: config.port, host: config.host });
  log('info', `contratos listening on http://${config.host}:${config.port}`, { pulsar: config.pulsarUrl });
} catch (error) {
  failStartup('contratos', error);
}

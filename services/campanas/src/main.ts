// Composition root of campanas: config → pool → migrations → event store → Pulsar client → consumers → HTTP;
// SIGTERM closes in reverse order (HTTP, consumers, Pulsar client, pool).
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
import { fullTopicName } from '@alpes/contracts';
import { startCampanaConsumers } from './adapters/messaging/campanaConsumers.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { createPostgresCampanaRunner } from './adapters/postgres/postgresCampanaRunner.ts';
import { buildApp } from './app.ts';
import { loadConfig, type CampanasConfig } from './config.ts';

const schema = 'campanas';

let config: CampanasConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  failStartup('campanas', error);
}
const log = createLogger({ name: 'campanas', level: config.logLevel });
const shutdown = createShutdown(log);
// First created, last closed: the spans of the shutdown itself are exported too.
const tracing = await startTracing('campanas');
shutdown.add('tracing', () => tracing.shutdown());

try {
  const pool = await createPool(config.databaseUrl, { schema });
  shutdown.add('database pool', () => pool.end());
  await migrate(pool, { schema, migrations, outboxReader: config.outboxRelayRole });
  const store = createPostgresEventStore({ pool, schema });
  const pulsar = createProcessPulsarClient(config, log);
  shutdown.add('pulsar client', () => pulsar.close());
  const metrics = createServiceMetrics('campanas');
  const consumers = await startCampanaConsumers({
    client: pulsar,
    runner: createPostgresCampanaRunner(store),
    now: Date.now,
    log,
    metrics,
    ...config.consumer,
    topics: {
      crear: fullTopicName('comandos-campanas', config.pulsarNamespace),
      eliminar: fullTopicName('eventos-campanas-eliminacion-v2', config.pulsarNamespace),
    },
  });
  shutdown.add('consumers', () => consumers.close());
  const watch = watchConsumers(consumers.consumers, {
    log,
    registry: metrics.registry,
    onFailed: (error) => void shutdown.fail(`consumer failed: ${error.message}`),
  });
  shutdown.add('consumer watch', async () => watch.stop());
  const app = await buildApp({
    logger: log.pino,
    pool,
    broker: () => pulsar.checkHealth(),
    consumers: watch.check,
    registry: metrics.registry,
    schema,
  });
  shutdown.add('http server', () => app.close());
  await app.listen({ port: config.port, host: config.host });
  log('info', `campanas listening on http://${config.host}:${config.port}`, { schema });
} catch (error) {
  failStartup('campanas', error);
}

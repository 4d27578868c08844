// Composition root: config → pool → migrations → event store → Pulsar client → consumers → HTTP.
// SIGTERM/SIGINT close in reverse order: HTTP, consumers, Pulsar client, pool.
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import { fullTopicName } from '@alpes/contracts';
import {
  createLogger,
  createProcessPulsarClient,
  createServiceMetrics,
  createShutdown,
  failStartup,
  watchConsumers,
  startTracing,
} from '@alpes/service-kit';
import { sql } from 'slonik';
import { startInfluencerConsumers } from './adapters/messaging/influencerConsumers.ts';
import { createPostgresCommandRunner } from './adapters/postgres/postgresCommandRunner.ts';
import { createPostgresInfluencerQueries } from './adapters/postgres/influencersQueries.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig, type InfluencersConfig } from './config.ts';

const SCHEMA = 'influencers';

async function start(config: InfluencersConfig): Promise<void> {
  const log = createLogger({ name: 'influencers', level: config.logLevel });
  const shutdown = createShutdown(log);
  // First created, last closed: the spans of the shutdown itself are exported too.
  const tracing = await startTracing('influencers');
  shutdown.add('tracing', () => tracing.shutdown());
  const metrics = createServiceMetrics('influencers');
  const pool = await createPool(config.databaseUrl, { schema: SCHEMA });
  shutdown.add('database pool', () => pool.end());
  await migrate(pool, { schema: SCHEMA, migrations, outboxReader: config.outboxRelayRole });
  const store = createPostgresEventStore({ pool, schema: SCHEMA });
  const pulsar = createProcessPulsarClient(config, log);
  shutdown.add('pulsar client', () => pulsar.close());
  const now = () => Date.now();
  const consumers = await startInfluencerConsumers({
    client: pulsar,
    runner: createPostgresCommandRunner({ store, now }),
    now,
    log,
    metrics,
    ...config.consumer,
    topics: {
      crear: fullTopicName('eventos-crear-influencer', config.pulsarNamespace),
      eliminar: fullTopicName('comandos-influencers-eliminacion', config.pulsarNamespace),
    },
  });
  shutdown.add('consumers', () => Promise.all(consumers.map((c) => c.close())));
  const watch = watchConsumers(consumers, {
    log,
    registry: metrics.registry,
    onFailed: (error) => void shutdown.fail(`consumer failed: ${error.message}`),
  });
  shutdown.add('consumer watch', async () => watch.stop());
  const app = await buildApp({
    logger: log.pino,
    queries: createPostgresInfluencerQueries({ pool, schema: SCHEMA }),
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
  log('info', `influencers listening on http://${config.host}:${config.port}`, { pulsar: config.pulsarUrl });
}

try {
  await start(loadConfig(process.env));
} catch (error) {
  failStartup('influencers', error);
}

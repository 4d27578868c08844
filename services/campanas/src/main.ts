// Composition root of campanas: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { fullTopicName } from '@alpes/contracts';
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startCampanaConsumers } from './adapters/messaging/campanaConsumers.ts';
import { createCampanasQueries } from './adapters/postgres/campanasQueries.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SCHEMA = 'campanas';

await runService({
  name: 'campanas',
  schema: SCHEMA,
  migrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('campanas'),
  startConsumers: ({ config, log, metrics, store, pulsar }) =>
    startCampanaConsumers({
      client: pulsar,
      store,
      log,
      metrics,
      ...config.consumer,
      topics: {
        'comandos-campanas': fullTopicName('comandos-campanas', config.pulsarNamespace),
        'eventos-campanas-eliminacion-v2': fullTopicName('eventos-campanas-eliminacion-v2', config.pulsarNamespace),
      },
    }),
  buildApp: ({ log, metrics, pool, checks }) =>
    buildApp({ logger: log.pino, queries: createCampanasQueries(pool, SCHEMA), checks, registry: metrics.registry }),
});

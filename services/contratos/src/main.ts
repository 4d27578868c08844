// Composition root of contratos: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { fullTopicName } from '@alpes/contracts';
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startContratosConsumers } from './adapters/messaging/contratoConsumers.ts';
import { contratosMigrations } from './adapters/postgres/migrations.ts';
import { createPostgresContratoQueries } from './adapters/postgres/contratosQueries.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SCHEMA = 'contratos';

await runService({
  name: 'contratos',
  schema: SCHEMA,
  migrations: contratosMigrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('contratos'),
  startConsumers: ({ config, log, metrics, store, pulsar }) =>
    startContratosConsumers({
      client: pulsar,
      store,
      log,
      metrics,
      ...config.consumer,
      topics: {
        'comandos-contratos-v2': fullTopicName('comandos-contratos-v2', config.pulsarNamespace),
        'comandos-contratos-eliminacion': fullTopicName('comandos-contratos-eliminacion', config.pulsarNamespace),
      },
    }),
  buildApp: ({ log, metrics, pool, checks }) =>
    buildApp({
      logger: log.pino,
      queries: createPostgresContratoQueries(pool, SCHEMA),
      checks,
      registry: metrics.registry,
    }),
});

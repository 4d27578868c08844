// Composition root of influencers: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { fullTopicName } from '@alpes/contracts';
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startInfluencerConsumers } from './adapters/messaging/influencerConsumers.ts';
import { createPostgresInfluencerQueries } from './adapters/postgres/influencersQueries.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SCHEMA = 'influencers';

await runService({
  name: 'influencers',
  schema: SCHEMA,
  migrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('influencers'),
  startConsumers: ({ config, log, metrics, store, pulsar }) =>
    startInfluencerConsumers({
      client: pulsar,
      store,
      log,
      metrics,
      ...config.consumer,
      topics: {
        'eventos-crear-influencer': fullTopicName('eventos-crear-influencer', config.pulsarNamespace),
        'comandos-influencers-eliminacion': fullTopicName('comandos-influencers-eliminacion', config.pulsarNamespace),
      },
    }),
  buildApp: ({ log, metrics, pool, checks }) =>
    buildApp({
      logger: log.pino,
      queries: createPostgresInfluencerQueries({ pool, schema: SCHEMA }),
      checks,
      registry: metrics.registry,
    }),
});

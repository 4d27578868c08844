// Composition root of influencers: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startInfluencerConsumers } from './adapters/messaging/influencerConsumers.ts';
import { createPostgresInfluencerQueries } from './adapters/postgres/influencersQueries.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

await runService({
  name: 'influencers',
  schema: 'influencers',
  migrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('influencers'),
  startConsumers: ({ consumerOptions }) => startInfluencerConsumers(consumerOptions),
  buildApp: ({ queryParts, pool }) =>
    buildApp({ ...queryParts, queries: createPostgresInfluencerQueries({ pool, schema: 'influencers' }) }),
});

// Composition root of campanas: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startCampanaConsumers } from './adapters/messaging/campanaConsumers.ts';
import { createCampanasQueries } from './adapters/postgres/campanasQueries.ts';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

await runService({
  name: 'campanas',
  schema: 'campanas',
  migrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('campanas'),
  startConsumers: ({ consumerOptions }) => startCampanaConsumers(consumerOptions),
  buildApp: ({ queryParts, pool }) => buildApp({ ...queryParts, queries: createCampanasQueries(pool, 'campanas') }),
});

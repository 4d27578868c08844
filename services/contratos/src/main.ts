// Composition root of contratos: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the service's consumers and app.
import { createServiceMetrics, runService } from '@alpes/service-kit';
import { startContratosConsumers } from './adapters/messaging/contratoConsumers.ts';
import { contratosMigrations } from './adapters/postgres/migrations.ts';
import { createPostgresContratoQueries } from './adapters/postgres/contratosQueries.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

await runService({
  name: 'contratos',
  schema: 'contratos',
  migrations: contratosMigrations,
  loadConfig,
  createMetrics: () => createServiceMetrics('contratos'),
  startConsumers: ({ consumerOptions }) => startContratosConsumers(consumerOptions),
  buildApp: ({ queryParts, pool }) =>
    buildApp({ ...queryParts, queries: createPostgresContratoQueries(pool, 'contratos') }),
});

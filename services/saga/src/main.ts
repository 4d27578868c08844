// Composition root of the saga: service-kit's template (config → pool and migrations → event store → Pulsar
// client → consumers → HTTP; SIGTERM closes in reverse order) with the saga's consumers, its deadline scheduler
// and its app.
import { runService } from '@alpes/service-kit';
import { startSagaConsumers } from './adapters/messaging/sagaConsumers.ts';
import { topicRouter } from './adapters/messaging/topics.ts';
import { startDeadlineScheduler } from './adapters/postgres/deadlineScheduler.ts';
import { sagaMigrations } from './adapters/postgres/migrations.ts';
import { createSagaQueries } from './adapters/postgres/sagaQueries.ts';
import { createSagaRunner } from './adapters/postgres/sagaRunner.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createSagaMetrics } from './metrics.ts';

const SCHEMA = 'saga';

await runService({
  name: 'saga',
  schema: SCHEMA,
  migrations: sagaMigrations,
  loadConfig,
  createMetrics: (config) => {
    const metrics = createSagaMetrics();
    metrics.stepDeadline.set(config.politica.plazoPasoMs / 1000);
    return metrics;
  },
  startConsumers: async ({ config, log, metrics, pool, store, closeAtShutdown, consumerOptions }) => {
    const runner = createSagaRunner({ store, politica: config.politica, route: topicRouter(), metrics });
    const consumers = await startSagaConsumers({ ...consumerOptions, runner });
    const queries = createSagaQueries(pool, SCHEMA);
    const scheduler = startDeadlineScheduler({ queries, runner, metrics, log, pollMs: config.deadlinePollMs });
    closeAtShutdown('deadline scheduler', () => scheduler.stop());
    return consumers;
  },
  buildApp: ({ queryParts, pool }) => buildApp({ ...queryParts, queries: createSagaQueries(pool, SCHEMA) }),
  describe: (config) => ({ stepTimeoutMs: config.politica.plazoPasoMs }),
});

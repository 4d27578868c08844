// A service whose start fails after the template made its pool and client (runService.int.test.ts): its
// consumers register something to close, then throw.
import { Registry } from 'prom-client';
import { loadServiceConfig, runService } from '../../src/index.ts';

await runService({
  name: 'failing',
  schema: 'failing',
  migrations: [],
  loadConfig: (environment) => loadServiceConfig('failing', environment, { defaultPort: 0 }).config,
  createMetrics: () => ({ registry: new Registry() }),
  startConsumers: async ({ closeAtShutdown }) => {
    closeAtShutdown('marker', async () => {
      console.log('closed: marker');
    });
    throw new Error('boom: the second subscription was refused');
  },
  buildApp: () => {
    throw new Error('never reached');
  },
});

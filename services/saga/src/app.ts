import { queryApp } from '@alpes/service-kit';
import { sagaRoutes } from './adapters/http/sagaRoutes.ts';
import type { SagaQueries } from './adapters/postgres/sagaQueries.ts';

/** The saga's query API (no env, no listen); `/` answers as the original's coordinator did. */
export const buildApp = queryApp<SagaQueries>({
  name: 'saga',
  description:
    'Orquestador de saga para Influencers → Campañas → Contratos: instances, steps, deadlines, compensations and the saga log',
  routes: (app, queries) => {
    app.get('/', { schema: { hide: true } }, async () => ({
      service: 'saga-coordinator',
      status: 'healthy',
      description: 'Orquestador de saga para Influencers → Campañas → Contratos',
    }));
    sagaRoutes(app, queries);
  },
});

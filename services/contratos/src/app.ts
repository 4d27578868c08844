import { queryApp } from '@alpes/service-kit';
import { contratosRoutes } from './adapters/http/contratosRoutes.ts';
import type { ContratoQueries } from './adapters/postgres/contratosQueries.ts';

/** The HTTP app (read API, /health, /metrics, /docs/json); no env, no listen. */
export const buildApp = queryApp<ContratoQueries>({
  name: 'contratos',
  description: 'Contracts of the registration saga (step 3): read model of the contract aggregate',
  routes: contratosRoutes,
});

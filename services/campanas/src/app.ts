import { queryApp } from '@alpes/service-kit';
import { campanasRoutes } from './adapters/http/campanasRoutes.ts';
import type { CampanasQueries } from './adapters/postgres/campanasQueries.ts';

/** The campaigns read API as a Fastify instance: no environment, no listen. */
export const buildApp = queryApp<CampanasQueries>({
  name: 'campanas',
  description: 'Campaigns: step 2 of the registration saga; read API of the campanas read model',
  routes: campanasRoutes,
});

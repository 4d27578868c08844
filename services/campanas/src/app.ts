import type { FastifyInstance } from 'fastify';
import { buildQueryApp, type QueryAppDeps } from '@alpes/service-kit';
import { campanasRoutes } from './adapters/http/campanasRoutes.ts';
import type { CampanasQueries } from './adapters/postgres/campanasQueries.ts';

export type AppDeps = QueryAppDeps<CampanasQueries>;

/** The campaigns read API as a Fastify instance: no environment, no listen. */
export function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  return buildQueryApp(deps, {
    name: 'campanas',
    description: 'Campaigns: step 2 of the registration saga; read API of the campanas read model',
    routes: campanasRoutes,
  });
}

import type { FastifyInstance } from 'fastify';
import { buildQueryApp, type QueryAppDeps } from '@alpes/service-kit';
import { contratosRoutes } from './adapters/http/contratosRoutes.ts';
import type { ContratoQueries } from './adapters/postgres/contratosQueries.ts';

export type AppDeps = QueryAppDeps<ContratoQueries>;

/** The HTTP app (read API, /health, /metrics, /docs/json); no env, no listen. */
export function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  return buildQueryApp(deps, {
    name: 'contratos',
    description: 'Contracts of the registration saga (step 3): read model of the contract aggregate',
    routes: contratosRoutes,
  });
}

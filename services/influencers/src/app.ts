import type { FastifyInstance } from 'fastify';
import { buildQueryApp, type QueryAppDeps } from '@alpes/service-kit';
import { influencersRoutes } from './adapters/http/influencersRoutes.ts';
import type { InfluencerQueries } from './adapters/postgres/influencersQueries.ts';

export type AppDeps = QueryAppDeps<InfluencerQueries>;

/** The HTTP read API of the influencers service (no env, no listen: main.ts and tests do that). */
export function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  return buildQueryApp(deps, {
    name: 'influencers',
    description:
      'Influencer aggregate (step 1 of the registration saga): read model of registered and deleted influencers',
    routes: influencersRoutes,
  });
}

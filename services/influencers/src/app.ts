import { queryApp } from '@alpes/service-kit';
import { influencersRoutes } from './adapters/http/influencersRoutes.ts';
import type { InfluencerQueries } from './adapters/postgres/influencersQueries.ts';

/** The HTTP read API of the influencers service (no env, no listen: main.ts and tests do that). */
export const buildApp = queryApp<InfluencerQueries>({
  name: 'influencers',
  description:
    'Influencer aggregate (step 1 of the registration saga): read model of registered and deleted influencers',
  routes: influencersRoutes,
});

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { createServiceApp, type HealthCheck } from '@alpes/service-kit';
import { influencersRoutes } from './adapters/http/influencersRoutes.ts';
import type { InfluencerQueries } from './adapters/postgres/influencersQueries.ts';

export interface AppDeps {
  /** The process's pino logger (`createLogger(…).pino`). */
  readonly logger?: FastifyBaseLogger;
  readonly queries: InfluencerQueries;
  /** `database` (select 1) and `broker` (Pulsar lookup): `/health` answers 503 when one fails. */
  readonly checks: { readonly database: HealthCheck; readonly broker: HealthCheck; readonly consumers?: HealthCheck };
  readonly registry: Registry;
}

/** The HTTP read API of the influencers service (no env, no listen: main.ts and tests do that). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createServiceApp({
    logger: deps.logger,
    service: 'influencers',
    description:
      'Influencer aggregate (step 1 of the registration saga): read model of registered and deleted influencers',
    checks: deps.checks,
    registry: deps.registry,
  });
  influencersRoutes(app, deps.queries);
  return app;
}

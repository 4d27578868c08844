import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { createServiceApp, type HealthCheck } from '@alpes/service-kit';
import { sagaRoutes } from './adapters/http/sagaRoutes.ts';
import type { SagaQueries } from './adapters/postgres/sagaQueries.ts';

export interface AppDeps {
  /** The process's pino logger (`createLogger(…).pino`). */
  readonly logger?: FastifyBaseLogger;
  readonly queries: SagaQueries;
  readonly checks: { readonly database: HealthCheck; readonly broker: HealthCheck; readonly consumers?: HealthCheck };
  readonly registry: Registry;
}

/** The saga's query API (no env, no listen). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createServiceApp({
    logger: deps.logger,
    service: 'saga',
    description:
      'Orquestador de saga para Influencers → Campañas → Contratos: instances, steps, deadlines, compensations and the saga log',
    checks: deps.checks,
    registry: deps.registry,
  });
  app.get('/', { schema: { hide: true } }, async () => ({
    service: 'saga-coordinator',
    status: 'healthy',
    description: 'Orquestador de saga para Influencers → Campañas → Contratos',
  }));
  sagaRoutes(app, deps.queries);
  return app;
}

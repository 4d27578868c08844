import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { createServiceApp } from '@alpes/service-kit';
import type { HealthCheck } from '@alpes/service-kit';
import { contratosRoutes } from './adapters/http/contratosRoutes.ts';
import type { ContratoQueries } from './adapters/postgres/contratosQueries.ts';

export interface AppDeps {
  /** The process's pino logger (`createLogger(…).pino`). */
  readonly logger?: FastifyBaseLogger;
  readonly queries: ContratoQueries;
  readonly checks: { readonly database: HealthCheck; readonly broker: HealthCheck; readonly consumers?: HealthCheck };
  readonly registry: Registry;
}

/** The HTTP app (read API, /health, /metrics, /docs/json); no env, no listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createServiceApp({
    logger: deps.logger,
    service: 'contratos',
    description: 'Contracts of the registration saga (step 3): read model of the contract aggregate',
    checks: deps.checks,
    registry: deps.registry,
  });
  contratosRoutes(app, deps.queries);
  return app;
}

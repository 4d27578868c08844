import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { createServiceApp, type HealthCheck } from './app.ts';

/** What a domain service's HTTP app is built from: the same shape in every service (issue 17). */
export interface QueryAppDeps<Q> {
  /** The process's pino logger (`createLogger(…).pino`). */
  readonly logger?: FastifyBaseLogger;
  /** The read side behind the routes. */
  readonly queries: Q;
  /** `/health`'s checks: `database` (select 1), `broker` (a Pulsar lookup), `consumers` (`watchConsumers`). */
  readonly checks: { readonly database: HealthCheck; readonly broker: HealthCheck; readonly consumers?: HealthCheck };
  readonly registry: Registry;
}

/**
 * A domain service's HTTP app: service-kit's shell (/health, /metrics, /docs, problem+json) with the service's
 * query routes on its read side. No environment, no listen: main.ts (`runService`) and the tests do that.
 */
export async function buildQueryApp<Q>(deps: QueryAppDeps<Q>, service: QueryApi<Q>): Promise<FastifyInstance> {
  const app = await createServiceApp({
    logger: deps.logger,
    service: service.name,
    description: service.description,
    checks: deps.checks,
    registry: deps.registry,
  });
  service.routes(app, deps.queries);
  return app;
}

/** What a domain service's app.ts declares: its name, its OpenAPI description and its query routes. */
export interface QueryApi<Q> {
  readonly name: string;
  readonly description: string;
  readonly routes: (app: FastifyInstance, queries: Q) => void;
}

/** A domain service's `buildApp(deps)`: `buildQueryApp` with its API fixed. */
export const queryApp =
  <Q>(api: QueryApi<Q>) =>
  (deps: QueryAppDeps<Q>): Promise<FastifyInstance> =>
    buildQueryApp(deps, api);

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { sql } from 'slonik';
import type { DatabasePool } from '@alpes/eventstore/postgres';
import { createServiceApp, type HealthCheck } from '@alpes/service-kit';
import { campanasRoutes } from './adapters/http/campanasRoutes.ts';
import { createCampanasQueries } from './adapters/postgres/campanasQueries.ts';

export interface AppDeps {
  /** The process's pino logger (`createLogger(…).pino`). */
  readonly logger?: FastifyBaseLogger;
  /** Owned by the caller, who ends it after the app. */
  readonly pool: DatabasePool;
  /** The broker check of `/health` (e.g. `() => pulsar.checkHealth()`). */
  readonly broker: HealthCheck;
  /** Rejects once a consumer failed for good (`watchConsumers`). */
  readonly consumers?: HealthCheck;
  readonly registry: Registry;
  /** Default `campanas`. */
  readonly schema?: string;
}

/** The campaigns read API as a Fastify instance: no environment, no listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const database: HealthCheck = async () => {
    await deps.pool.query(sql.unsafe`select 1`);
  };
  const app = await createServiceApp({
    logger: deps.logger,
    service: 'campanas',
    description: 'Campaigns: step 2 of the registration saga; read API of the campanas read model',
    checks: { database, broker: deps.broker, ...(deps.consumers ? { consumers: deps.consumers } : {}) },
    registry: deps.registry,
  });
  campanasRoutes(app, createCampanasQueries(deps.pool, deps.schema ?? 'campanas'));
  return app;
}

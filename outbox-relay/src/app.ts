import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'slonik';
import { supervisedInstance } from '@alpes/service-kit';
import type { Relay } from './relay.ts';

interface AppDeps {
  readonly relay: Relay;
  readonly schemas: readonly string[];
}

/** `/metrics` for Prometheus and `/health` for orchestrators (503 when PostgreSQL is unreachable). */
export function buildApp({ relay, schemas }: AppDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => {
    reply.type(relay.metrics.registry.contentType);
    return relay.metrics.registry.metrics();
  });
  app.get('/health', async (_request, reply) => {
    const database = await relay.pool.query(sql.unsafe`select 1`).then(() => 'up', () => 'down');
    const leading = relay.leading();
    const body = {
      status: database === 'up' ? 'up' : 'down',
      service: 'outbox-relay',
      instance: supervisedInstance(),
      checks: { database },
      leading,
      standby: schemas.filter((s) => !leading.includes(s)),
    };
    return reply.code(database === 'up' ? 200 : 503).send(body);
  });
  return app;
}

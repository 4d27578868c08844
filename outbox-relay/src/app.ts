import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger } from 'fastify';
import { sql } from 'slonik';
import { supervisedInstance } from '@alpes/service-kit';
import type { Relay } from './relay.ts';

interface AppDeps {
  readonly relay: Relay;
  readonly schemas: readonly string[];
  /** A broker round trip (`client.checkHealth()`): a relay that cannot reach Pulsar publishes nothing (issue 18). */
  readonly broker: () => Promise<void>;
  readonly logger?: FastifyBaseLogger;
}

const CHECK_TIMEOUT_MS = 3000;

/** `/metrics` for Prometheus and `/health` for orchestrators (503 when PostgreSQL or the broker is unreachable, or a step stalled). */
export function buildApp({ relay, schemas, broker, logger }: AppDeps): FastifyInstance {
  // Scrapes and probes are not worth a line each; errors are still logged.
  const app = Fastify(
    logger
      ? {
          loggerInstance: logger,
          logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
        }
      : { logger: false },
  );
  app.get('/metrics', async (_request, reply) => {
    reply.type(relay.metrics.registry.contentType);
    return relay.metrics.registry.metrics();
  });
  app.get('/health', async (_request, reply) => {
    const [database, brokerStatus] = await Promise.all([
      status(relay.pool.query(sql.unsafe`select 1`)),
      status(broker()),
    ]);
    const stalled = relay.stalled();
    const progress = stalled ? { status: 'down' as const, error: stalled } : { status: 'up' as const };
    const up = database.status === 'up' && brokerStatus.status === 'up' && !stalled;
    const leading = relay.leading();
    const body = {
      status: up ? 'up' : 'down',
      service: 'outbox-relay',
      instance: supervisedInstance(),
      checks: { database, broker: brokerStatus, progress },
      leading,
      standby: schemas.filter((s) => !leading.includes(s)),
    };
    return reply.code(up ? 200 : 503).send(body);
  });
  return app;
}

async function status(check: Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check, timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

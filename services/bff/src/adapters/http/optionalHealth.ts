import type { FastifyInstance } from 'fastify';

/**
 * Adds optional dependencies to `/health` without changing its status: the saga service only serves
 * `GET /sagas/:id`, so its absence degrades the BFF (`"degraded": true`) but does not take it out of
 * rotation. (service-kit's checks are all required; see the README.)
 */
export function optionalHealth(app: FastifyInstance, checks: Readonly<Record<string, () => Promise<void>>>): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.routeOptions.url !== '/health' || typeof payload !== 'string') return payload;
    const optional: Record<string, CheckResult> = Object.fromEntries(
      await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await outcome(check)] as const)),
    );
    const degraded = Object.values(optional).some((c) => c.status === 'down');
    return JSON.stringify({ ...(JSON.parse(payload) as object), optional, degraded });
  });
}

interface CheckResult {
  readonly status: 'up' | 'down';
  readonly error?: string;
}

async function outcome(check: () => Promise<void>): Promise<CheckResult> {
  try {
    await check();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';

const TIMEOUT_MS = 3000;

/** `GET /sagas/:id`: the saga service's answer passed through; its 404 and its absence as problem+json. */
export function sagasRoute(app: FastifyInstance, deps: { sagaUrl: string }): void {
  app.get<{ Params: { id: string } }>('/sagas/:id', {
    schema: {
      summary: 'A saga and its steps (from the saga service)', tags: ['sagas'],
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
    },
  }, async (request, reply) => {
    const url = new URL(`sagas/${encodeURIComponent(request.params.id)}`, withSlash(deps.sagaUrl));
    const base = { type: 'about:blank', instance: request.url } as const;
    let answer: Response;
    try {
      answer = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      return sendProblem(reply, { ...base, status: 502, title: 'Saga service unavailable', code: 'SAGA_NO_DISPONIBLE', detail: `${url.origin}: ${(error as Error).message}` });
    }
    if (answer.status === 404) {
      return sendProblem(reply, { ...base, status: 404, title: 'Saga not found', code: 'SAGA_NO_EXISTE', detail: `no saga ${request.params.id}` });
    }
    if (!answer.ok) {
      return sendProblem(reply, { ...base, status: 502, title: 'Saga service failed', code: 'SAGA_NO_DISPONIBLE', detail: `${url.origin} answered ${answer.status}` });
    }
    return reply.code(200).type('application/json').send(await answer.text());
  });
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `/health` dependency on the saga service: optional, a failure only degrades the dashboard's saga lookups. */
export async function sagaServiceCheck(sagaUrl: string): Promise<void> {
  const answer = await fetch(new URL('health', withSlash(sagaUrl)), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!answer.ok) throw new Error(`${sagaUrl}/health answered ${answer.status}`);
}

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { Access } from './access.ts';

const TIMEOUT_MS = 3000;

/**
 * `GET /sagas/:id`: the saga service's answer passed through, to the saga's registrant (`?token=`, the 202's
 * `estado_url`) or an operator only (issue 16: it holds personal data); its 404 and absence as problem+json.
 */
export function sagasRoute(app: FastifyInstance, deps: { sagaUrl: string; access: Access }): void {
  app.get<{ Params: { id: string }; Querystring: { token?: string } }>(
    '/sagas/:id',
    {
      schema: {
        summary: "A saga and its steps (from the saga service); needs the saga's token or the operator token",
        tags: ['sagas'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } },
        },
      },
    },
    async (request, reply) => {
      const { token } = request.query;
      if (!deps.access.isOperator(request) && !deps.access.holdsCapability(request.params.id, token)) {
        return token === undefined
          ? sendProblem(reply, {
              type: 'about:blank',
              instance: request.url,
              status: 401,
              title: 'Token required',
              code: 'TOKEN_REQUERIDO',
              detail: "send the token of the 202 answer's estado_url, or the operator token",
            })
          : sendProblem(reply, {
              type: 'about:blank',
              instance: request.url,
              status: 404,
              title: 'Saga not found',
              code: 'SAGA_NO_EXISTE',
              detail: `no saga ${request.params.id} for this token`,
            });
      }
      const url = new URL(`sagas/${encodeURIComponent(request.params.id)}`, withSlash(deps.sagaUrl));
      const base = { type: 'about:blank', instance: request.url.split('?')[0] } as const;
      let answer: Response;
      try {
        answer = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (error) {
        return sendProblem(reply, {
          ...base,
          status: 502,
          title: 'Saga service unavailable',
          code: 'SAGA_NO_DISPONIBLE',
          detail: `${url.origin}: ${(error as Error).message}`,
        });
      }
      if (answer.status === 404) {
        return sendProblem(reply, {
          ...base,
          status: 404,
          title: 'Saga not found',
          code: 'SAGA_NO_EXISTE',
          detail: `no saga ${request.params.id}`,
        });
      }
      if (!answer.ok) {
        return sendProblem(reply, {
          ...base,
          status: 502,
          title: 'Saga service failed',
          code: 'SAGA_NO_DISPONIBLE',
          detail: `${url.origin} answered ${answer.status}`,
        });
      }
      return reply
        .code(200)
        .type('application/json')
        .send(await answer.text());
    },
  );
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `/health` dependency on the saga service: optional, a failure only degrades the dashboard's saga lookups. */
export async function sagaServiceCheck(sagaUrl: string): Promise<void> {
  const answer = await fetch(new URL('health', withSlash(sagaUrl)), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!answer.ok) throw new Error(`${sagaUrl}/health answered ${answer.status}`);
}

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { Access } from './access.ts';

const ticket = {
  type: 'object', required: ['ticket', 'expires_at', 'stream_url'],
  properties: {
    ticket: { type: 'string' },
    expires_at: { type: 'integer', description: 'epoch ms; an open stream outlives it, a new connection needs a new ticket' },
    stream_url: { type: 'string', description: 'The whole stream, in full, for EventSource' },
  },
} as const;

/**
 * `POST /operator/tickets`: trades the operator token (`Authorization: Bearer …`) for a short-lived signed
 * ticket, because a browser's `EventSource` cannot send headers; the token itself never enters a URL.
 */
export function operatorRoute(app: FastifyInstance, deps: { access: Access }): void {
  app.post('/operator/tickets', {
    schema: { summary: 'A short-lived ticket for the operator stream (Bearer operator token)', tags: ['operator'], response: { 201: ticket } },
  }, async (request, reply) => {
    if (!deps.access.isOperator(request) || request.headers.authorization === undefined) {
      return sendProblem(reply, {
        type: 'about:blank', instance: request.url, status: 401, title: 'Not an operator', code: 'OPERADOR_NO_AUTORIZADO',
        detail: deps.access.operatorsEnabled ? 'send Authorization: Bearer <operator token>' : 'this BFF has no operator token configured (BFF_OPERATOR_TOKEN)',
      });
    }
    const issued = deps.access.ticket();
    return reply.code(201).send({ ticket: issued.ticket, expires_at: issued.expiresAt, stream_url: `/stream?ticket=${issued.ticket}` });
  });
}

import type { FastifyInstance } from 'fastify';
import type { Access } from './access.ts';
import { refuseNonOperator } from './operatorOnly.ts';

const ticket = {
  type: 'object',
  required: ['ticket', 'expires_at', 'stream_url'],
  properties: {
    ticket: { type: 'string' },
    expires_at: {
      type: 'integer',
      description: 'epoch ms; an open stream outlives it, a new connection needs a new ticket',
    },
    stream_url: { type: 'string', description: 'The whole stream, in full, for EventSource' },
  },
} as const;

/**
 * `POST /operator/tickets`: trades the operator token (`Authorization: Bearer …`) for a short-lived signed
 * ticket, because a browser's `EventSource` cannot send headers; the token itself never enters a URL.
 */
export function operatorRoute(app: FastifyInstance, deps: { access: Access }): void {
  app.post(
    '/operator/tickets',
    {
      schema: {
        summary: 'A short-lived ticket for the operator stream (Bearer operator token)',
        tags: ['operator'],
        response: { 201: ticket },
      },
    },
    async (request, reply) => {
      const refused = refuseNonOperator(request, reply, deps.access);
      if (refused) return refused;
      const issued = deps.access.ticket();
      return reply
        .code(201)
        .send({ ticket: issued.ticket, expires_at: issued.expiresAt, stream_url: `/stream?ticket=${issued.ticket}` });
    },
  );
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { Access } from './access.ts';

/**
 * The 401 of the operator's routes, or undefined when the request carries the operator token in its
 * `Authorization` header (a stream ticket is not enough: it opens a stream, nothing else).
 */
export function refuseNonOperator(
  request: FastifyRequest,
  reply: FastifyReply,
  access: Access,
): FastifyReply | undefined {
  if (access.isOperator(request) && request.headers.authorization !== undefined) return undefined;
  return sendProblem(reply, {
    type: 'about:blank',
    instance: request.url,
    status: 401,
    title: 'Not an operator',
    code: 'OPERADOR_NO_AUTORIZADO',
    detail: access.operatorsEnabled
      ? 'send Authorization: Bearer <operator token>'
      : 'this BFF has no operator token configured (BFF_OPERATOR_TOKEN)',
  });
}

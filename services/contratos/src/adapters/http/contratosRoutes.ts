import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { ContratoFilter, ContratoQueries } from '../postgres/contratosQueries.ts';
import { problemRef } from '@alpes/service-kit';
import { contratoSchema, listQuerySchema, pageSchema } from './contratoSchemas.ts';

interface ListQuery {
  readonly influencer_id?: string;
  readonly campana_id?: string;
  readonly email?: string;
  readonly estado?: ContratoFilter['estado'];
  readonly page?: string;
  readonly limit?: string;
}

/** `GET /contratos/:id` and `GET /contratos` over the read model (deleted contracts shown with `estado: eliminado`). */
export function contratosRoutes(app: FastifyInstance, queries: ContratoQueries): void {
  app.get<{ Params: { id: string } }>(
    '/contratos/:id',
    {
      schema: {
        summary: 'One contract',
        tags: ['contratos'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        response: { 200: contratoSchema, 404: problemRef },
      },
    },
    async (request, reply) => {
      const contrato = await queries.byId(request.params.id);
      if (contrato !== null) return contrato;
      return sendProblem(reply, {
        type: 'about:blank',
        title: 'Contrato no encontrado',
        status: 404,
        code: 'CONTRATO_NO_ENCONTRADO',
        instance: request.url,
        detail: `no contract with id ${request.params.id}`,
      });
    },
  );
  app.get<{ Querystring: ListQuery }>(
    '/contratos',
    {
      schema: {
        summary: 'Contracts, newest first, filtered and paginated',
        tags: ['contratos'],
        querystring: listQuerySchema,
        response: { 200: pageSchema },
      },
    },
    async (request) => {
      const { page, limit, ...filters } = request.query;
      return queries.list({ ...filters, page: Number(page ?? 1), limit: Number(limit ?? 20) });
    },
  );
}

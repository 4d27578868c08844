import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { InfluencerQueries } from '../postgres/influencersQueries.ts';
import { problemRef as problem } from '@alpes/service-kit';
import { idParams, influencerPage, influencerView, listQuery } from './influencerSchemas.ts';

interface ListQuery {
  email?: string;
  estado?: 'pendiente' | 'eliminado';
  page?: string;
  limit?: string;
}

/** `GET /influencers/:id` (deleted ones too, with their `estado`) and `GET /influencers` (filters, pages). */
export function influencersRoutes(app: FastifyInstance, queries: InfluencerQueries): void {
  app.get<{ Params: { id: string } }>(
    '/influencers/:id',
    {
      schema: {
        summary: 'One influencer of the read model',
        tags: ['influencers'],
        params: idParams,
        response: { 200: influencerView, 400: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const found = await queries.byId(request.params.id);
      if (found !== undefined) return found;
      return sendProblem(reply, {
        type: 'about:blank',
        title: 'Influencer not found',
        status: 404,
        code: 'INFLUENCER_NO_EXISTE',
        detail: `no influencer ${request.params.id}`,
        instance: request.url,
      });
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/influencers',
    {
      schema: {
        summary: 'Influencers, newest registration first; filter by email and estado',
        tags: ['influencers'],
        querystring: listQuery,
        response: { 200: influencerPage, 400: problem },
      },
    },
    async (request) => {
      const page = Number(request.query.page ?? 1);
      const limit = Number(request.query.limit ?? 20);
      const result = await queries.list({ email: request.query.email, estado: request.query.estado, page, limit });
      return { items: result.items, page, limit, total: result.total };
    },
  );
}

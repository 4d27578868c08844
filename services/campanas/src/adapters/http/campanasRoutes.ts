import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { CampanasQueries, EstadoCampana } from '../postgres/campanasQueries.ts';
import { problemRef } from '@alpes/service-kit';
import { campanaPageSchema, campanaSchema, idParams, listQuery } from './campanaSchemas.ts';

interface ListQuery {
  readonly influencer_id?: string;
  readonly estado?: EstadoCampana;
  readonly page?: string;
  readonly limit?: string;
}

/** `GET /campanas/:id` (deleted campaigns are shown with `estado: eliminada`) and `GET /campanas` (filters, pages). */
export function campanasRoutes(app: FastifyInstance, queries: CampanasQueries): void {
  app.get<{ Params: { id: string } }>(
    '/campanas/:id',
    {
      schema: {
        summary: 'One campaign',
        tags: ['campanas'],
        params: idParams,
        response: { 200: campanaSchema, 404: problemRef },
      },
    },
    async (request, reply) => {
      const campana = await queries.byId(request.params.id);
      if (campana !== null) return campana;
      return sendProblem(reply, {
        type: 'about:blank',
        title: 'Campaña no encontrada',
        status: 404,
        code: 'CAMPANA_NO_ENCONTRADA',
        detail: `no hay campaña con id ${request.params.id}`,
        instance: request.url,
      });
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/campanas',
    {
      schema: {
        summary: 'Campaigns, newest first',
        tags: ['campanas'],
        querystring: listQuery,
        response: { 200: campanaPageSchema, 400: problemRef },
      },
    },
    async (request) => {
      const page = Number(request.query.page ?? 1);
      const limit = Number(request.query.limit ?? 20);
      const { items, total } = await queries.list({
        influencerId: request.query.influencer_id,
        estado: request.query.estado,
        page,
        limit,
      });
      return { items, page, limit, total };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { SagaQueries } from '../postgres/sagaQueries.ts';

const ESTADOS = ['en_curso', 'compensando', 'completada', 'compensada', 'fallida'];
const INSTANT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?)?$';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    estado: { type: 'string', enum: ESTADOS },
    desde: { type: 'string', pattern: INSTANT, description: 'ISO-8601: sagas started at or after' },
    hasta: { type: 'string', pattern: INSTANT, description: 'ISO-8601: sagas started before' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' },
  },
} as const;

/** The saga log, queryable: one saga with its transitions, or a filtered, paginated list. */
export function sagaRoutes(app: FastifyInstance, queries: SagaQueries): void {
  app.get<{ Params: { id: string } }>('/sagas/:id', {
    schema: {
      summary: 'One saga: state, steps, deadlines, failure and its full log', tags: ['sagas'],
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] },
    },
  }, async (request, reply) => {
    const saga = await queries.get(request.params.id);
    if (!saga) {
      return sendProblem(reply, { type: 'about:blank', title: 'Saga not found', status: 404, code: 'SAGA_NO_EXISTE', instance: request.url, detail: `no saga ${request.params.id}` });
    }
    return saga;
  });

  app.get<{ Querystring: { estado?: string; desde?: string; hasta?: string; page?: string; limit?: string } }>('/sagas', {
    schema: { summary: 'Sagas by state and start time, newest first', tags: ['sagas'], querystring: listQuery },
  }, async (request) => {
    const { estado, desde, hasta } = request.query;
    return queries.list({ estado, desde, hasta, page: Number(request.query.page ?? 1), limit: Number(request.query.limit ?? 20) });
  });
}

import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { SagaQueries } from '../postgres/sagaQueries.ts';
import { isInstant } from './instant.ts';

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
  app.get<{ Params: { id: string } }>(
    '/sagas/:id',
    {
      schema: {
        summary: 'One saga: state, steps, deadlines, failure and its full log',
        tags: ['sagas'],
        params: {
          type: 'object',
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['id'],
        },
      },
    },
    async (request, reply) => {
      const saga = await queries.get(request.params.id);
      if (!saga) {
        return sendProblem(reply, {
          type: 'about:blank',
          title: 'Saga not found',
          status: 404,
          code: 'SAGA_NO_EXISTE',
          instance: request.url,
          detail: `no saga ${request.params.id}`,
        });
      }
      return saga;
    },
  );

  app.get<{ Querystring: { estado?: string; desde?: string; hasta?: string; page?: string; limit?: string } }>(
    '/sagas',
    {
      schema: { summary: 'Sagas by state and start time, newest first', tags: ['sagas'], querystring: listQuery },
    },
    async (request, reply) => {
      const { estado, desde, hasta } = request.query;
      const errors = Object.entries({ desde, hasta })
        .filter(([, v]) => v !== undefined && !isInstant(v))
        .map(([field]) => ({
          field,
          message: 'is not a calendar date and time (e.g. 2024-02-30, year 0000, offset beyond ±15:59)',
        }));
      if (errors.length > 0) {
        return sendProblem(reply, {
          type: 'about:blank',
          title: 'Invalid request',
          status: 400,
          code: 'VALIDATION_FAILED',
          instance: request.url,
          detail: `invalid fields: ${errors.map((e) => e.field).join(', ')}`,
          errors,
        });
      }
      return queries.list({
        estado,
        desde,
        hasta,
        page: Number(request.query.page ?? 1),
        limit: Number(request.query.limit ?? 20),
      });
    },
  );
}

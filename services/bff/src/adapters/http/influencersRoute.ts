import type { FastifyInstance } from 'fastify';
import { httpSchemas } from '@alpes/contracts';
import type { CrearInfluencerBody } from '@alpes/contracts';
import { sendProblem } from '@alpes/service-kit';
import { isPublisherUnavailable } from '../../application/ports.ts';
import type { Registro } from '../../application/registrarInfluencer.ts';
import type { BffMetrics } from '../metrics.ts';

const problem = { $ref: 'problemDetails#' } as const;

/** The 202 body: the original's `message`/`success`, the ids, and `correlation_id` as contracts names it. */
const accepted = {
  type: 'object',
  required: ['message', 'success', 'id_correlacion', 'id_influencer', 'correlation_id'],
  properties: {
    message: { type: 'string', const: 'Influencer procesado' },
    success: { type: 'boolean', const: true },
    id_correlacion: { type: 'string', format: 'uuid', description: 'The saga id; follow it on GET /stream?id_correlacion= or GET /sagas/{id}.' },
    id_influencer: { type: 'string', format: 'uuid' },
    correlation_id: { type: 'string', format: 'uuid', description: 'Same as id_correlacion (the name in contracts/json/crearInfluencerAccepted.json).' },
  },
} as const;

/**
 * `POST /influencers`: 202 once the broker holds the command, `Location: /sagas/<id_correlacion>`. A repeat
 * of the same `id_influencer` answers the same 202 (same ids; downstream processes it once).
 */
export function influencersRoute(app: FastifyInstance, deps: { registrar: (body: CrearInfluencerBody) => Promise<Registro>; metrics: BffMetrics }): void {
  app.addSchema({ ...httpSchemas.problemDetails, $id: 'problemDetails' });
  app.post<{ Body: CrearInfluencerBody }>('/influencers', {
    schema: {
      summary: 'Register an influencer: starts the saga', tags: ['influencers'],
      body: withoutMeta(httpSchemas.crearInfluencerBody),
      response: { 202: accepted, 400: problem, 413: problem, 415: problem, 503: problem },
    },
  }, async (request, reply) => {
    try {
      const registro = await deps.registrar(request.body);
      deps.metrics.registrations.inc({ outcome: 'accepted' });
      request.log.info({ id_correlacion: registro.id_correlacion, id_influencer: registro.id_influencer }, 'registration accepted');
      return reply.code(202).header('location', `/sagas/${registro.id_correlacion}`)
        .send({ message: 'Influencer procesado', success: true, ...registro, correlation_id: registro.id_correlacion });
    } catch (error) {
      if (!isPublisherUnavailable(error)) throw error;
      deps.metrics.registrations.inc({ outcome: 'broker_unavailable' });
      request.log.warn({ err: error }, 'registration not accepted');
      return sendProblem(reply, {
        type: 'about:blank', title: 'Broker unavailable', status: 503, code: error.code, instance: request.url,
        detail: `${error.message}; nothing was accepted, retry the same request`,
      });
    }
  });
}

/** The contracts' file carries `$schema`/`$id` for tools; inside Fastify's Ajv the route schema stands alone. */
function withoutMeta<T extends { $schema?: string; $id?: string }>(schema: T): Omit<T, '$schema' | '$id'> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

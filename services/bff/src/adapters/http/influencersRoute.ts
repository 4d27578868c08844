import type { FastifyInstance } from 'fastify';
import { httpSchemas } from '@alpes/contracts';
import type { CrearInfluencerBody } from '@alpes/contracts';
import { problemRef, sendProblem } from '@alpes/service-kit';
import { isIdEnUso, isUnavailable } from '../../application/ports.ts';
import type { Registro } from '../../application/registrarInfluencer.ts';
import type { BffMetrics } from '../metrics.ts';
import type { Access } from './access.ts';

const problem = problemRef;

/** The 202 body: the original's `message`/`success`, the ids, and `correlation_id` as contracts names it. */
const accepted = {
  type: 'object',
  required: ['message', 'success', 'id_correlacion', 'id_influencer', 'correlation_id', 'estado_url', 'stream_url'],
  properties: {
    message: { type: 'string', const: 'Influencer procesado' },
    success: { type: 'boolean', const: true },
    id_correlacion: {
      type: 'string',
      format: 'uuid',
      description: 'The saga id; follow it on GET /stream?id_correlacion= or GET /sagas/{id}.',
    },
    id_influencer: { type: 'string' },
    correlation_id: {
      type: 'string',
      format: 'uuid',
      description: 'Same as id_correlacion (the name in contracts/json/crearInfluencerAccepted.json).',
    },
    estado_url: { type: 'string', description: "This saga's state, with its token (GET /sagas/{id}?token=)" },
    stream_url: {
      type: 'string',
      description: "This saga's events from its start, then live, with its token (GET /stream?saga=&token=)",
    },
  },
} as const;

export interface InfluencersRouteDeps {
  readonly registrar: (body: CrearInfluencerBody) => Promise<Registro>;
  readonly metrics: BffMetrics;
  readonly access: Access;
  /** Per-address limit (@fastify/rate-limit); undefined: no limit. */
  readonly rateLimit: { readonly max: number; readonly timeWindow: number } | undefined;
}

/**
 * `POST /influencers`: 202 once the broker holds the command, `Location: /sagas/<id_correlacion>`, and the
 * registrant's own URLs with the saga's capability token. A repeat of the same `id_influencer` and body
 * answers the same 202 (downstream processes it once); the same id with another body is a 409.
 */
export function influencersRoute(app: FastifyInstance, deps: InfluencersRouteDeps): void {
  app.post<{ Body: CrearInfluencerBody }>(
    '/influencers',
    {
      config: deps.rateLimit === undefined ? {} : { rateLimit: deps.rateLimit },
      schema: {
        summary: 'Register an influencer: starts the saga',
        tags: ['influencers'],
        body: withoutMeta(httpSchemas.crearInfluencerBody),
        response: { 202: accepted, 400: problem, 409: problem, 413: problem, 415: problem, 429: problem, 503: problem },
      },
    },
    async (request, reply) => {
      try {
        const registro = await deps.registrar(request.body);
        deps.metrics.registrations.inc({ outcome: 'accepted' });
        const saga = registro.id_correlacion;
        request.log.info({ id_correlacion: saga, id_influencer: registro.id_influencer }, 'registration accepted');
        const token = deps.access.capability(saga);
        return reply
          .code(202)
          .header('location', `/sagas/${saga}`)
          .send({
            message: 'Influencer procesado',
            success: true,
            ...registro,
            correlation_id: saga,
            estado_url: `/sagas/${saga}?token=${token}`,
            stream_url: `/stream?saga=${saga}&token=${token}`,
          });
      } catch (error) {
        if (isIdEnUso(error)) {
          deps.metrics.registrations.inc({ outcome: 'conflict' });
          return sendProblem(reply.header('location', `/sagas/${error.idCorrelacion}`), {
            type: 'about:blank',
            title: 'id_influencer already used',
            status: 409,
            code: error.code,
            instance: request.url,
            detail: `${error.message}; send that body again, or another id_influencer`,
          });
        }
        if (!isUnavailable(error)) throw error;
        const broker = error.code === 'BROKER_NO_DISPONIBLE';
        deps.metrics.registrations.inc({ outcome: broker ? 'broker_unavailable' : 'ledger_unavailable' });
        request.log.warn({ err: error }, 'registration not accepted');
        return sendProblem(reply.header('retry-after', '5'), {
          type: 'about:blank',
          title: broker ? 'Broker unavailable' : 'Registrations ledger unavailable',
          status: 503,
          code: error.code,
          instance: request.url,
          detail: `${error.message}; nothing was accepted, retry the same request`,
        });
      }
    },
  );
}

/** The contracts' file carries `$schema`/`$id` for tools; inside Fastify's Ajv the route schema stands alone. */
function withoutMeta<T extends { $schema?: string; $id?: string }>(schema: T): Omit<T, '$schema' | '$id'> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

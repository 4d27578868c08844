import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseMessageId } from '@alpes/pulsar';
import type { MessageId } from '@alpes/pulsar';
import { sendProblem } from '@alpes/service-kit';
import type { Logger } from '@alpes/service-kit';
import { matchesCorrelation } from '../../domain/streamEvent.ts';
import type { BffMetrics } from '../metrics.ts';
import { catchUp } from '../stream/catchUp.ts';
import type { CatchUpDeps, StartPoint } from '../stream/catchUp.ts';
import type { ContractEventHub } from '../stream/contractEventHub.ts';
import type { SagaEventHub } from '../stream/sagaEventHub.ts';
import type { StreamView } from '../stream/streamEvent.ts';
import type { Access } from './access.ts';
import { openSseConnection } from './sseConnection.ts';
import type { SseConnection } from './sseConnection.ts';
import type { StreamAdmission } from './streamAdmission.ts';
import { STREAM_REFUSALS } from './streamShedding.ts';

export interface StreamSettings {
  readonly heartbeatMs: number;
  readonly maxBufferedBytes: number;
  readonly maxPending: number;
  /** The `retry:` the stream announces: how long an EventSource waits before reconnecting. */
  readonly retryMs: number;
}

export interface StreamRouteDeps extends CatchUpDeps {
  readonly hub: SagaEventHub;
  /** Contract events, for operators only: they carry personal data (influencer emails). */
  readonly contracts: ContractEventHub;
  readonly settings: StreamSettings;
  readonly metrics: BffMetrics;
  readonly log: Logger;
  readonly access: Access;
  readonly admission: StreamAdmission;
}

interface StreamQuery {
  id_correlacion?: string;
  saga?: string;
  token?: string;
  ticket?: string;
}
interface StreamRequest {
  Querystring: StreamQuery;
  Headers: { 'last-event-id'?: string };
}

export const STREAM_RETRY_AFTER_S = 10;

// Every number of a message id stays below 2^53 (15 digits), so parsing it can never overflow (issue 16).
const schema = {
  summary:
    "Server-Sent Events of saga transitions: public view for anyone, in full for an operator or for the saga's own registrant (?saga=&token=)",
  tags: ['stream'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    dependencies: { token: ['saga'] },
    properties: {
      id_correlacion: { type: 'string', format: 'uuid' },
      saga: {
        type: 'string',
        format: 'uuid',
        description: 'One saga, replayed from its start, then live; needs its token',
      },
      token: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{43}$',
        description: "The capability of the 202 answer's stream_url",
      },
      ticket: {
        type: 'string',
        pattern: '^[0-9]{1,15}\\.[A-Za-z0-9_-]{43}$',
        description: 'An operator stream ticket (POST /operator/tickets)',
      },
    },
  },
  headers: {
    type: 'object',
    properties: {
      'last-event-id': { type: 'string', pattern: '^[0-9]{1,15}:[0-9]{1,15}:-?[0-9]{1,10}:-?[0-9]{1,10}$' },
    },
  },
  produces: ['text/event-stream'],
} as const;

/** `GET /stream`: who may see what, then the caps on open streams, then the catch-up and the live events. */
export function streamRoute(app: FastifyInstance, deps: StreamRouteDeps): void {
  const open = new Set<SseConnection>();
  app.addHook('preClose', async () => {
    for (const connection of open) connection.close('shutdown');
  });
  app.get<StreamRequest>('/stream', { schema }, async (request, reply) => {
    const view = viewOf(request, deps.access);
    if (typeof view === 'object') return sendProblem(reply, { type: 'about:blank', instance: request.url, ...view });
    // The address, not the request: a held stream's close handler would keep Fastify's whole request alive.
    const ip = request.ip;
    const admitted = deps.admission.admit(ip);
    if (admitted !== 'ok') {
      deps.metrics.sseRefused.inc({ cap: admitted });
      return refuse(reply, request.url, admitted);
    }
    const start = startPoint(request, deps.hub);
    const connection = startResponse(request, reply, deps, {
      after: start.from && !start.inclusive ? start.from : undefined,
      view,
    });
    open.add(connection);
    deps.metrics.sseClients.inc();
    const unsubscribe = deps.hub.subscribe((event) => {
      if (matchesCorrelation(start.filter, event.idCorrelacion)) connection.live(event);
    });
    // The operator's whole stream only: never the public view, nor a registrant's or a filtered saga stream.
    const operatorsOnly =
      deps.access.isOperator(request) && start.filter === undefined
        ? deps.contracts.subscribe((frame) => connection.note(frame))
        : () => undefined;
    reply.raw.on('close', () => {
      unsubscribe();
      operatorsOnly();
      open.delete(connection);
      deps.admission.release(ip);
      deps.metrics.sseClients.dec();
    });
    try {
      await catchUp(connection, deps, start);
      connection.goLive();
    } catch (error) {
      deps.log('warn', 'stream catch-up failed; closing so the client retries', { error: (error as Error).message });
      connection.close('error');
    }
  });
}

type Refusal = { readonly status: 401 | 404; readonly title: string; readonly code: string; readonly detail: string };

/** `full` for an operator or the saga's registrant, `public` for a stranger; a refusal for a bad credential. */
function viewOf(request: FastifyRequest<StreamRequest>, access: Access): StreamView | Refusal {
  const { saga, token, ticket } = request.query;
  if (access.isOperator(request)) return 'full';
  if (saga !== undefined) {
    if (access.holdsCapability(saga, token)) return 'full';
    return token === undefined
      ? {
          status: 401,
          title: 'Token required',
          code: 'TOKEN_REQUERIDO',
          detail: "a saga stream needs the token of the 202 answer's stream_url",
        }
      : { status: 404, title: 'Saga not found', code: 'SAGA_NO_EXISTE', detail: `no saga ${saga} for this token` };
  }
  if (ticket !== undefined || request.headers.authorization !== undefined) {
    return {
      status: 401,
      title: 'Not an operator',
      code: 'OPERADOR_NO_AUTORIZADO',
      detail: 'the operator token or ticket is wrong or expired',
    };
  }
  return 'public';
}

function refuse(reply: FastifyReply, instance: string, cap: 'full' | 'address'): FastifyReply {
  reply.header('retry-after', String(STREAM_RETRY_AFTER_S));
  return sendProblem(reply, { type: 'about:blank', instance, ...STREAM_REFUSALS[cap] });
}

/** A `Last-Event-ID` resumes after it; a saga stream without one starts at the saga's first message. */
function startPoint(request: FastifyRequest<StreamRequest>, hub: SagaEventHub): StartPoint {
  const saga = request.query.saga;
  const filter = saga ?? request.query.id_correlacion;
  const header = request.headers['last-event-id'];
  if (header !== undefined) return { from: parseMessageId(header), inclusive: false, filter };
  if (saga !== undefined) return { from: hub.firstOf(saga), inclusive: true, filter };
  return { from: undefined, inclusive: false, filter };
}

function startResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: StreamRouteDeps,
  options: { after: MessageId | undefined; view: StreamView },
): SseConnection {
  reply.hijack();
  // Headers set by hooks (CORS, security headers) are copied: after hijack() Fastify writes nothing itself.
  reply.raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(`retry: ${deps.settings.retryMs}\n: connected\n\n`);
  request.raw.socket.setNoDelay(true);
  // The server's idle timeout is for requests; a stream stays open, kept alive by its heartbeats.
  request.raw.socket.setTimeout(0);
  return openSseConnection(reply.raw, {
    ...deps.settings,
    ...options,
    onSent: () => deps.metrics.sseEventsSent.inc(),
    onClose: (reason) => deps.metrics.sseClosed.inc({ reason }),
  });
}

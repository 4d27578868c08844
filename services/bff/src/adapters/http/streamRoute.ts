import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compareMessageIds, parseMessageId } from '@alpes/pulsar';
import type { MessageId } from '@alpes/pulsar';
import type { Logger } from '@alpes/service-kit';
import { matchesCorrelation } from '../../domain/streamEvent.ts';
import type { BffMetrics } from '../metrics.ts';
import { missedEvents } from '../stream/missedEvents.ts';
import type { SagaEventHub } from '../stream/sagaEventHub.ts';
import { openSseConnection } from './sseConnection.ts';
import type { SseConnection } from './sseConnection.ts';

export interface StreamSettings {
  readonly heartbeatMs: number;
  readonly maxBufferedBytes: number;
  readonly maxPending: number;
  /** The `retry:` the stream announces: how long an EventSource waits before reconnecting. */
  readonly retryMs: number;
}

interface StreamRequest { Querystring: { id_correlacion?: string }; Headers: { 'last-event-id'?: string } }

const schema = {
  summary: 'Server-Sent Events: every transition of every saga (event nuevo_evento, or error for failures and compensations)',
  tags: ['stream'],
  querystring: { type: 'object', additionalProperties: false, properties: { id_correlacion: { type: 'string', format: 'uuid' } } },
  headers: { type: 'object', properties: { 'last-event-id': { type: 'string', pattern: '^[0-9]+:[0-9]+:-?[0-9]+:-?[0-9]+$' } } },
  produces: ['text/event-stream'],
} as const;

/** `GET /stream`: resumes after `Last-Event-ID` (from the buffer, else from Pulsar), then streams live. */
export function streamRoute(app: FastifyInstance, deps: { hub: SagaEventHub; settings: StreamSettings; metrics: BffMetrics; log: Logger }): void {
  const open = new Set<SseConnection>();
  app.addHook('preClose', async () => { for (const connection of open) connection.close('shutdown'); });
  app.get<StreamRequest>('/stream', { schema }, async (request, reply) => {
    const after = request.headers['last-event-id'] === undefined ? undefined : parseMessageId(request.headers['last-event-id']);
    const filter = request.query.id_correlacion;
    const connection = startResponse(request, reply, deps, after);
    open.add(connection);
    deps.metrics.sseClients.inc();
    const unsubscribe = deps.hub.subscribe((event) => { if (matchesCorrelation(filter, event.idCorrelacion)) connection.live(event); });
    reply.raw.on('close', () => {
      unsubscribe();
      open.delete(connection);
      deps.metrics.sseClients.dec();
    });
    try {
      await catchUp(connection, deps.hub, after, filter);
      connection.goLive();
    } catch (error) {
      deps.log('warn', 'stream catch-up failed; closing so the client retries', { error: (error as Error).message });
      connection.close('error');
    }
  });
}

function startResponse(request: FastifyRequest, reply: FastifyReply, deps: { settings: StreamSettings; metrics: BffMetrics }, after: MessageId | undefined): SseConnection {
  reply.hijack();
  // Headers set by hooks (CORS) are copied: after hijack() Fastify writes nothing itself.
  reply.raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(`retry: ${deps.settings.retryMs}\n: connected\n\n`);
  request.raw.socket.setNoDelay(true);
  return openSseConnection(reply.raw, {
    ...deps.settings, after,
    onSent: () => deps.metrics.sseEventsSent.inc(),
    onClose: (reason) => deps.metrics.sseClosed.inc({ reason }),
  });
}

/** Missed events older than the buffer come from a Pulsar reader started at `after`; the rest from the buffer. */
async function catchUp(connection: SseConnection, hub: SagaEventHub, after: MessageId | undefined, filter: string | undefined): Promise<void> {
  if (after === undefined) return;
  const recent = hub.recent();
  const oldest = recent[0]?.messageId;
  if (oldest === undefined || compareMessageIds(after, oldest) < 0) {
    for await (const event of missedEvents(hub, after, oldest)) {
      if (connection.closed) return;
      if (matchesCorrelation(filter, event.idCorrelacion)) await connection.replay(event);
    }
  }
  for (const event of recent) {
    if (matchesCorrelation(filter, event.idCorrelacion)) await connection.replay(event);
  }
}

import { context, trace, type Context } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { startSpan } from './tracing.ts';

/**
 * A server span per request, child of the request's `traceparent` (or a new root). The handler runs inside its
 * context, so a message it publishes carries it: entered again in `preHandler`, because the body is read in
 * stream events that do not keep the context `onRequest` set. With tracing off the span is a no-op one.
 */
export function traceRequests(app: FastifyInstance): void {
  const contexts = new WeakMap<FastifyRequest, Context>();
  app.addHook('onRequest', (request, reply, done) => {
    const { span } = startSpan({
      name: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      kind: 'server',
      carrier: request.headers,
    });
    if (!span.isRecording()) return done();
    span.setAttribute('http.request.method', request.method);
    reply.raw.once('close', () => {
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end();
    });
    const active = trace.setSpan(context.active(), span);
    contexts.set(request, active);
    context.with(active, done);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    const active = contexts.get(request);
    if (active) context.with(active, done);
    else done();
  });
}

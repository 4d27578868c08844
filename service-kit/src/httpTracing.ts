import { context, trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { startSpan } from './tracing.ts';

/**
 * A server span per request, child of the request's `traceparent` (or a new root). The rest of the request
 * runs inside its context (`context.with` around Fastify's `done`), so a message the handler publishes
 * carries it. With tracing off the span is the API's no-op one.
 */
export function traceRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const { span } = startSpan({ name: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`, kind: 'server', carrier: request.headers });
    if (!span.isRecording()) return done();
    span.setAttribute('http.request.method', request.method);
    reply.raw.once('close', () => {
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), done);
  });
}

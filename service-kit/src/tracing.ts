import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const tracer = () => trace.getTracer('alpes');

export interface Tracing {
  /** Flushes the spans not yet exported (call it last at shutdown). */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for one process (issue 18): W3C `traceparent` is read from HTTP requests and Pulsar message
 * properties and written to the messages a span causes, and spans are exported with OTLP/HTTP (JSON or
 * protobuf per OTEL_EXPORTER_OTLP_PROTOCOL) when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without it nothing is
 * loaded and the API stays the no-op one: no context manager, no span recorded, no property written.
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracing> {
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (!endpoint) return { shutdown: async () => undefined };
  const [{ AsyncLocalStorageContextManager }, { BasicTracerProvider, BatchSpanProcessor }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
    ]);
  // The exporters read the endpoint, headers and timeout from the same OTEL_EXPORTER_OTLP_* variables.
  const exporter =
    (env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL']) === 'http/json'
      ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
      : new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })],
  });
  trace.setGlobalTracerProvider(provider);
  return { shutdown: () => provider.shutdown() };
}

/** The active trace context written into message properties (`traceparent`, `tracestate`); none when tracing is off. */
export function traceProperties(base: Readonly<Record<string, string>> = {}): Record<string, string> {
  const carrier: Record<string, string> = { ...base };
  propagation.inject(context.active(), carrier);
  return carrier;
}

interface SpanOptions {
  readonly name: string;
  readonly kind: 'server' | 'consumer' | 'producer' | 'internal';
  /** Where the parent's `traceparent` is (HTTP headers, message properties); a new root when absent. */
  readonly carrier?: Readonly<Record<string, unknown>>;
  readonly attributes?: Attributes;
}

const KINDS = {
  server: SpanKind.SERVER,
  consumer: SpanKind.CONSUMER,
  producer: SpanKind.PRODUCER,
  internal: SpanKind.INTERNAL,
} as const;

/** Runs `work` inside a span (child of the carrier's context), ended when it settles; a rejection marks it failed. */
export async function inSpan<T>(options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.carrier ? propagation.extract(ROOT_CONTEXT, options.carrier) : context.active();
  return tracer().startActiveSpan(
    options.name,
    { kind: KINDS[options.kind], attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** A span started now and ended by the caller, with the properties that carry it to the next process. */
export function startSpan(options: SpanOptions): { readonly span: Span; readonly properties: Record<string, string> } {
  const parent = options.carrier ? propagation.extract(ROOT_CONTEXT, options.carrier) : context.active();
  const span = tracer().startSpan(options.name, { kind: KINDS[options.kind], attributes: options.attributes }, parent);
  const properties: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), properties);
  return { span, properties };
}

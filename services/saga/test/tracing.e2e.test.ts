import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ids, register, registration, startE2eSystem, waitForEnd, type SystemUnderTest } from './support/e2e.ts';

const test = suite(
  'one registration is one trace (whole system, spans received by an in-process OTLP/HTTP JSON receiver)',
);

interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
}
const spans: ReceivedSpan[] = [];
let receiver: Server;
let system: SystemUnderTest;

type KeyValue = { key: string; value: { stringValue?: string; intValue?: string | number } };
interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: { traceId: string; name: string; attributes?: KeyValue[] }[] }[];
  }[];
}

const valuesOf = (attributes: KeyValue[] = []) =>
  Object.fromEntries(attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue]));

/** OTLP/HTTP with JSON bodies (OTEL_EXPORTER_OTLP_PROTOCOL=http/json): POST /v1/traces. */
function collect(body: ExportRequest): void {
  for (const resource of body.resourceSpans ?? []) {
    const service = String(valuesOf(resource.resource?.attributes)['service.name']);
    for (const scope of resource.scopeSpans ?? []) {
      for (const span of scope.spans ?? [])
        spans.push({ service, traceId: span.traceId, name: span.name, attributes: valuesOf(span.attributes) });
    }
  }
}

test.before(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') collect(JSON.parse(Buffer.concat(chunks).toString()) as ExportRequest);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  system = await startE2eSystem('tracing', {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
});
test.after(async () => {
  await system?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

test("spans of the BFF, influencers, saga, campanas, contratos and the relay's publishes share one trace id; the saga id is an attribute", async () => {
  const body = registration();
  const { saga } = ids(body.id_influencer);
  assert.is((await register(system, body)).status, 202);
  assert.is((await waitForEnd(system, saga)).estado, 'completada');
  const root = await waitForSpan((s) => s.service === 'bff' && s.name === 'POST /influencers');
  const expected = ['bff', 'influencers', 'saga', 'campanas', 'contratos', 'outbox-relay'];
  const deadline = Date.now() + 15_000;
  const services = () => new Set(spans.filter((s) => s.traceId === root.traceId).map((s) => s.service));
  while (expected.some((s) => !services().has(s)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal([...services()].sort(), [...expected].sort(), 'one trace across every process');
  const inTrace = spans.filter((s) => s.traceId === root.traceId);
  assert.ok(
    inTrace.some((s) => s.service === 'saga' && s.attributes['alpes.id_correlacion'] === saga),
    'the saga span names the saga id',
  );
  assert.ok(
    inTrace.filter((s) => s.service === 'outbox-relay' && s.name.endsWith(' publish')).length >= 3,
    'the relay publishes are in it',
  );
  const traces = new Set(spans.filter((s) => s.attributes['alpes.id_correlacion'] === saga).map((s) => s.traceId));
  assert.equal([...traces], [root.traceId], 'no span of this saga is in another trace');
});

test("a compensated saga's trace shows its compensations", async () => {
  const body = registration({ categorias: ['astrología'] }); // campanas refuses it: the influencer is compensated
  const { saga } = ids(body.id_influencer);
  assert.is((await register(system, body)).status, 202);
  assert.is((await waitForEnd(system, saga)).estado, 'compensada');
  await waitForSpan(
    (s) =>
      s.service === 'influencers' &&
      s.name === 'comandos-influencers-eliminacion process' &&
      s.attributes['alpes.id_correlacion'] === saga,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const names = (traceId: string) => spans.filter((s) => s.traceId === traceId).map((s) => `${s.service}:${s.name}`);
  const traces = [...new Set(spans.filter((s) => s.attributes['alpes.id_correlacion'] === saga).map((s) => s.traceId))];
  const started = traces.filter((t) => names(t).includes('bff:POST /influencers'));
  assert.is(started.length, 1, 'one trace starts at the BFF');
  const own = names(started[0] as string);
  assert.ok(
    own.includes('saga:eventos-campanas-error process'),
    `the saga handles the failure in it (${own.join(', ')})`,
  );
  assert.ok(
    own.includes('influencers:comandos-influencers-eliminacion process'),
    `the compensation is in it (${own.join(', ')})`,
  );
  for (const other of traces.filter((t) => t !== started[0])) {
    assert.ok(
      names(other).includes('saga:saga deadline'),
      `any other trace of the saga is a deadline's (a compensation retry): ${names(other).join(', ')}`,
    );
  }
});

async function waitForSpan(match: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = spans.find(match);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no such span; received: ${JSON.stringify(spans.map((s) => `${s.service}:${s.name}`))}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.run();

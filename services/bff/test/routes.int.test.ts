// The other routes: GET /sagas/:id through a stand-in saga service, /health, /metrics, /docs/json, CORS, dashboard.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAccess } from '../src/adapters/http/access.ts';
import { startBff, TEST_OPERATOR_TOKEN, TEST_SECRET } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';

const known = randomUUID();
const failing = randomUUID();
const sagaJson = { id_correlacion: known, estado: 'completada', pasos: [{ paso: 'influencer', estado: 'completado' }] };

/** Stands in for the saga service's `GET /sagas/:id` and `/health` (a real HTTP server, answers fixed). */
function fakeSagaService(): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/health') return send(200, { status: 'up' });
    if (req.url === `/sagas/${known}`) return send(200, sagaJson);
    if (req.url === `/sagas/${failing}`) return send(500, { error: 'boom' });
    return send(404, { title: 'not found' });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let bff: TestBff;
let sagaService: Server;

const test = suite('routes');
test.before(async () => {
  sagaService = await fakeSagaService();
  bff = await startBff({
    sagaUrl: `http://127.0.0.1:${(sagaService.address() as AddressInfo).port}`,
    corsOrigins: ['http://dashboard.example'],
  });
});
test.after(async () => {
  await bff.close();
  sagaService.close();
});

const get = (url: string, headers: Record<string, string> = {}) => bff.app.inject({ method: 'GET', url, headers });

const operator = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };
const capability = (saga: string) => createAccess({ secret: TEST_SECRET, operatorToken: undefined }).capability(saga);

test("GET /sagas/:id without the saga's token or the operator token: 401, a wrong token 404, nothing of the saga", async () => {
  const anonymous = await get(`/sagas/${known}`);
  assert.equal([anonymous.statusCode, anonymous.json<{ code: string }>().code], [401, 'TOKEN_REQUERIDO']);
  const otherSaga = await get(`/sagas/${known}?token=${capability(randomUUID())}`);
  assert.equal([otherSaga.statusCode, otherSaga.json<{ code: string }>().code], [404, 'SAGA_NO_EXISTE']);
  const wrongOperator = await get(`/sagas/${known}`, { authorization: 'Bearer not-the-token' });
  assert.is(wrongOperator.statusCode, 401);
  for (const res of [anonymous, otherSaga, wrongOperator]) assert.not.ok(res.body.includes('en_curso'), res.body);
  const registrant = await get(`/sagas/${known}?token=${capability(known)}`);
  assert.is(registrant.statusCode, 200);
  assert.equal(registrant.json(), sagaJson);
});

test('GET /sagas/:id passes the saga through (operator); 404 and failures become problem+json', async () => {
  const found = await get(`/sagas/${known}`, operator);
  assert.is(found.statusCode, 200);
  assert.equal(found.json(), sagaJson);
  const missing = await get(`/sagas/${randomUUID()}`, operator);
  assert.is(missing.statusCode, 404);
  assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
  assert.is(missing.json<{ code: string }>().code, 'SAGA_NO_EXISTE');
  const broken = await get(`/sagas/${failing}`, operator);
  assert.equal([broken.statusCode, broken.json<{ code: string }>().code], [502, 'SAGA_NO_DISPONIBLE']);
  const bad = await get('/sagas/not-a-uuid', operator);
  assert.equal([bad.statusCode, bad.json<{ errors: { field: string }[] }>().errors[0]?.field], [400, 'id']);
});

test('GET /sagas/:id with the saga service down is a 502 problem', async () => {
  const alone = await startBff({ sagaUrl: 'http://127.0.0.1:9' });
  try {
    const res = await alone.app.inject({ method: 'GET', url: `/sagas/${known}`, headers: operator });
    assert.equal([res.statusCode, res.json<{ code: string }>().code], [502, 'SAGA_NO_DISPONIBLE']);
    const health = await alone.app.inject({ method: 'GET', url: '/health' });
    assert.is(health.statusCode, 200, 'the saga service is optional');
    const body = health.json<{ status: string; degraded: boolean; optional: { saga: { status: string } } }>();
    assert.equal([body.status, body.degraded, body.optional.saga.status], ['up', true, 'down']);
  } finally {
    await alone.close();
  }
});

test('GET /health: broker up, saga service up', async () => {
  const res = await get('/health');
  assert.is(res.statusCode, 200);
  assert.equal(res.json(), {
    service: 'bff',
    status: 'up',
    checks: { broker: { status: 'up' } },
    optional: { saga: { status: 'up' } },
    degraded: false,
  });
});

test('GET /metrics and GET /docs/json', async () => {
  await bff.app.inject({ method: 'POST', url: '/influencers', payload: {} });
  const metrics = await get('/metrics');
  assert.match(metrics.body, /bff_sse_clients\{service="bff"\} 0/);
  assert.match(metrics.body, /process_cpu_seconds_total/);
  const docs = (await get('/docs/json')).json<{ openapi: string; paths: Record<string, unknown> }>();
  assert.match(docs.openapi, /^3\./);
  for (const path of ['/influencers', '/stream', '/sagas/{id}', '/health'])
    assert.ok(docs.paths[path], `${path} documented`);
});

test('CORS: a configured origin is allowed, another is not', async () => {
  const allowed = await bff.app.inject({
    method: 'OPTIONS',
    url: '/influencers',
    headers: { origin: 'http://dashboard.example', 'access-control-request-method': 'POST' },
  });
  assert.is(allowed.headers['access-control-allow-origin'], 'http://dashboard.example');
  const other = await get('/health', { origin: 'http://evil.example' });
  assert.is(other.headers['access-control-allow-origin'], undefined);
});

test('GET / is the dashboard (HTML, script, CSS), or the service description for JSON clients', async () => {
  const page = await get('/', { accept: 'text/html' });
  assert.is(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(page.body, /<form id="registro"/);
  assert.match(page.body, /<table id="sagas">/);
  for (const [file, type] of [
    ['/app.js', /javascript/],
    ['/style.css', /^text\/css/],
  ] as const) {
    const res = await get(file);
    assert.is(res.statusCode, 200, file);
    assert.match(String(res.headers['content-type']), type);
  }
  const csp = String(page.headers['content-security-policy']);
  for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"])
    assert.ok(csp.includes(directive), csp);
  assert.not.match(csp, /unsafe-inline|unsafe-eval/);
  assert.not.match(
    page.body,
    /<script>|<script [^>]*>[^<]|<style|\son[a-z]+=/i,
    'no inline script, style or handler in the page',
  );
  assert.is(page.headers['x-content-type-options'], 'nosniff');
  assert.is(page.headers['referrer-policy'], 'no-referrer');
  const description = await get('/', { accept: 'application/json' });
  assert.is(description.json<{ service: string }>().service, 'bff');
  assert.is((await get('/nothing-here')).statusCode, 404);
});

test.run();

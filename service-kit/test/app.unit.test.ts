import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServiceApp, createServiceMetrics } from '@alpes/service-kit';

const test = suite('service app shell');

const build = async (database: () => Promise<void> = async () => undefined) => {
  const app = await createServiceApp({
    service: 'demo',
    checks: { database },
    registry: createServiceMetrics('demo').registry,
  });
  app.post(
    '/things',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'email'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1 },
            email: { type: 'string', format: 'email' },
            count: { type: 'integer' },
          },
        },
      },
    },
    async (_request, reply) => reply.code(201).send({ ok: true }),
  );
  app.get('/boom', async () => {
    throw new Error('secret internals');
  });
  await app.ready();
  return app;
};

test('health is 200 when every check passes and 503 naming the failing one', async () => {
  const up = await build();
  assert.is((await up.inject({ url: '/health' })).statusCode, 200);
  const down = await build(async () => {
    throw new Error('connection refused');
  });
  const response = await down.inject({ url: '/health' });
  assert.is(response.statusCode, 503);
  assert.equal(response.json().checks.database, { status: 'down', error: 'connection refused' });
});

test('health answers with the instance id its supervisor handed down (ALPES_INSTANCE_ID), and without one when deployed', async () => {
  process.env['ALPES_INSTANCE_ID'] = 'demo:run-1';
  try {
    assert.is((await (await build()).inject({ url: '/health' })).json().instance, 'demo:run-1');
  } finally {
    delete process.env['ALPES_INSTANCE_ID'];
  }
  assert.is((await (await build()).inject({ url: '/health' })).json().instance, undefined);
});

test('schema violations are 400 problem+json naming every bad field', async () => {
  const app = await build();
  const response = await app.inject({
    method: 'POST',
    url: '/things',
    payload: { email: 'not-an-email', count: '3', extra: 1 },
  });
  assert.is(response.statusCode, 400);
  assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
  const fields = response
    .json()
    .errors.map((e: { field: string }) => e.field)
    .sort();
  assert.equal(fields, ['count', 'email', 'extra', 'name']);
});

test('malformed JSON and non-JSON bodies are 400, never 500', async () => {
  const app = await build();
  const malformed = await app.inject({
    method: 'POST',
    url: '/things',
    headers: { 'content-type': 'application/json' },
    payload: '{"name": ',
  });
  assert.is(malformed.statusCode, 400);
  const array = await app.inject({ method: 'POST', url: '/things', payload: [1, 2] });
  assert.is(array.statusCode, 400);
});

test('unknown errors are 500 with a request id and no internals; unknown routes 404', async () => {
  const app = await build();
  const boom = await app.inject({ url: '/boom' });
  assert.is(boom.statusCode, 500);
  assert.not.match(boom.body, /secret internals/);
  assert.ok(boom.json().request_id);
  assert.is((await app.inject({ url: '/nope' })).statusCode, 404);
});

test('a NUL character anywhere in the path, query or body is a 400 naming the field (PostgreSQL text cannot hold it)', async () => {
  const app = await build();
  const body = await app.inject({
    method: 'POST',
    url: '/things',
    payload: { name: 'Ana\u0000', email: 'ana@example.com' },
  });
  assert.is(body.statusCode, 400);
  assert.equal(
    body.json().errors.map((e: { field: string }) => e.field),
    ['name'],
  );
  const clean = await app.inject({
    method: 'POST',
    url: '/things',
    payload: { name: 'Ana', email: 'ana@example.com' },
  });
  assert.is(clean.statusCode, 201);
});

test('router errors (broken percent-encoding, an over-long path parameter) are problem+json too', async () => {
  const app = await createServiceApp({ service: 'demo', checks: {}, registry: createServiceMetrics('demo').registry });
  app.get(
    '/things/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 255 } } } } },
    async () => ({ ok: true }),
  );
  await app.ready();
  const badUrl = await app.inject({ url: '/things/%zz' });
  assert.is(badUrl.statusCode, 400);
  assert.match(badUrl.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(badUrl.json().errors, [{ field: '(path)', message: 'is not a valid URL (broken percent-encoding)' }]);
  const long = await app.inject({ url: `/things/${'x'.repeat(256)}` });
  assert.is(long.statusCode, 400, "up to the schemas' longest id, the schema answers, naming the field");
  assert.equal(
    long.json().errors.map((e: { field: string }) => e.field),
    ['id'],
  );
  const tooLong = await app.inject({ url: `/things/${'x'.repeat(300)}` });
  assert.is(tooLong.statusCode, 414);
  assert.match(tooLong.headers['content-type'] as string, /application\/problem\+json/);
});

test('metrics and the OpenAPI description are served', async () => {
  const app = await build();
  assert.match((await app.inject({ url: '/metrics' })).body, /process_cpu_user_seconds_total/);
  const docs = (await app.inject({ url: '/docs/json' })).json();
  assert.is(docs.openapi.slice(0, 2), '3.');
  assert.ok(docs.paths['/things']);
});

test.run();

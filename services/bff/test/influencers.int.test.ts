// POST /influencers against the real broker: every 400 case, 413, the 202 and its command, idempotency and 409, 503.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { latestVersion, sagaIds, schemaText } from '@alpes/contracts';
import type { EventoCrearInfluencer } from '@alpes/contracts';
import { avroSchema, createPulsarClient } from '@alpes/pulsar';
import { testInfra } from '@alpes/infra/testing';
import type { Message, PulsarClient } from '@alpes/pulsar';
import { createAccess } from '../src/adapters/http/access.ts';
import { startBff, TEST_SECRET } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';

const cuerpo = (id = randomUUID()) => ({
  id_influencer: id,
  nombre: 'Ana Gómez',
  email: 'ana@example.com',
  categorias: ['moda', 'viajes'],
  plataformas: ['instagram', 'tiktok'],
  descripcion: 'Creadora de contenido',
  biografia: 'Moda sostenible.',
  sitio_web: 'https://ana.example.com',
  telefono: '+57 300 123 4567',
});

interface ProblemBody {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

let bff: TestBff;
const post = (payload: string, contentType = 'application/json') =>
  bff.app.inject({ method: 'POST', url: '/influencers', payload, headers: { 'content-type': contentType } });

async function expectProblem(payload: string, fields: readonly string[], contentType?: string) {
  const res = await post(payload, contentType);
  assert.is(res.statusCode, 400, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const problem = res.json<ProblemBody>();
  assert.is(problem.status, 400);
  assert.equal([...new Set((problem.errors ?? []).map((e) => e.field))].sort(), [...fields].sort(), res.body);
  return problem;
}

async function commandsOn(client: PulsarClient, topic: string): Promise<Message<EventoCrearInfluencer>[]> {
  const schema = avroSchema<EventoCrearInfluencer>(
    schemaText('eventos-crear-influencer', latestVersion('eventos-crear-influencer')),
  );
  const reader = await client.createReader({ topic, startMessageId: 'earliest', schema });
  const found: Message<EventoCrearInfluencer>[] = [];
  while (await reader.hasMessageAvailable()) found.push(await reader.readNext(5000));
  await reader.close();
  return found;
}

const invalid = suite('POST /influencers: bad input is a 400 problem naming every bad field');
invalid.before(async () => {
  bff = await startBff();
});
invalid.after(async () => {
  await bff.close();
});

invalid('malformed JSON', async () => {
  const problem = await expectProblem('{"id_influencer": "x", ', ['(body)']);
  assert.is(problem.code, 'MALFORMED_JSON');
});
invalid('a null body', () => expectProblem('null', ['(body)']).then(() => undefined));
invalid('an array body', () => expectProblem(JSON.stringify([cuerpo()]), ['(body)']).then(() => undefined));
invalid('an empty body', () => expectProblem('', ['(body)']).then(() => undefined));
invalid('every missing field at once', () =>
  expectProblem('{}', ['nombre', 'email', 'categorias']).then(() => undefined),
);

invalid('wrong types, each named', async () => {
  const body = {
    id_influencer: 5,
    nombre: null,
    email: ['a@b.co'],
    categorias: 'moda',
    plataformas: 'instagram',
    telefono: 3001234567,
  };
  await expectProblem(JSON.stringify(body), [
    'id_influencer',
    'nombre',
    'email',
    'categorias',
    'plataformas',
    'telefono',
  ]);
});

invalid('a bad email, a bad id, a bad phone, an unknown field and a bad platform together', async () => {
  const body = {
    ...cuerpo(),
    id_influencer: 'inf 1/x',
    email: 'no-es-un-email',
    telefono: '12',
    extra: true,
    plataformas: ['myspace'],
  };
  await expectProblem(JSON.stringify(body), ['id_influencer', 'email', 'telefono', 'extra', 'plataformas.0']);
});

invalid('blank and empty values', async () => {
  await expectProblem(JSON.stringify({ ...cuerpo(), nombre: '   ', categorias: [] }), ['nombre', 'categorias']);
});

invalid('an oversized body (5 MB) is a 413 problem naming the body, with the limit', async () => {
  const res = await post(JSON.stringify({ ...cuerpo(), biografia: 'x'.repeat(5 * 1024 * 1024) }));
  assert.is(res.statusCode, 413, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const problem = res.json<ProblemBody>();
  assert.is(problem.code, 'BODY_TOO_LARGE');
  assert.equal(
    problem.errors?.map((e) => e.field),
    ['(body)'],
  );
  assert.match(problem.detail ?? '', /65536 bytes/);
});

invalid('a body that is not JSON is a 415 problem naming content-type', async () => {
  const res = await post('nombre=Ana', 'application/x-www-form-urlencoded');
  assert.is(res.statusCode, 415);
  assert.equal(
    res.json<ProblemBody>().errors?.map((e) => e.field),
    ['content-type'],
  );
});

invalid('no bad request published anything', async () => {
  assert.is((await commandsOn(bff.client, bff.topics.commands)).length, 0);
});
invalid.run();

const accepted = suite('POST /influencers: 202 once the broker holds the command; idempotent');
accepted.before(async () => {
  bff = await startBff();
});
accepted.after(async () => {
  await bff.close();
});

accepted('202 with the correlation id and Location, and the v2 command on the topic', async () => {
  const body = cuerpo();
  const res = await post(JSON.stringify(body));
  assert.is(res.statusCode, 202, res.body);
  const correlationId = sagaIds.correlationId(body.id_influencer);
  const token = createAccess({ secret: TEST_SECRET, operatorToken: undefined }).capability(correlationId);
  assert.equal(res.json(), {
    message: 'Influencer procesado',
    success: true,
    id_correlacion: correlationId,
    id_influencer: body.id_influencer,
    correlation_id: correlationId,
    estado_url: `/sagas/${correlationId}?token=${token}`,
    stream_url: `/stream?saga=${correlationId}&token=${token}`,
  });
  assert.is(res.headers['location'], `/sagas/${correlationId}`);
  const [message, ...others] = await commandsOn(bff.client, bff.topics.commands);
  assert.is(others.length, 0);
  assert.ok(message);
  assert.is(message.key, body.id_influencer);
  const value = JSON.parse(JSON.stringify(message.value)) as EventoCrearInfluencer;
  assert.is(value.message_id, sagaIds.commandId('CrearInfluencer', correlationId));
  assert.equal(
    [value.message_type, value.correlation_id, value.causation_id, value.producer_service],
    ['CrearInfluencer', correlationId, null, 'bff'],
  );
  assert.ok(Math.abs((value.occurred_at ?? 0) - Date.now()) < 60_000);
  assert.equal(value.plataformas, body.plataformas);
  const { fecha_creacion, fecha_actualizacion, ...data } = value.data ?? {};
  assert.match(String(fecha_creacion), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.is(fecha_actualizacion, fecha_creacion);
  const { id_influencer: id, plataformas: _p, ...rest } = body;
  assert.equal(data, { id, ...rest });
});

accepted('optional texts default to "" as the original sent them', async () => {
  const { descripcion: _d, biografia: _b, sitio_web: _s, telefono: _t, plataformas: _p, ...minimo } = cuerpo();
  const res = await post(JSON.stringify(minimo));
  assert.is(res.statusCode, 202, res.body);
  const sent = (await commandsOn(bff.client, bff.topics.commands))
    .map((m) => JSON.parse(JSON.stringify(m.value)) as EventoCrearInfluencer)
    .find((v) => v.data?.id === minimo.id_influencer);
  assert.equal(
    [sent?.data?.descripcion, sent?.data?.biografia, sent?.data?.sitio_web, sent?.data?.telefono, sent?.plataformas],
    ['', '', '', '', []],
  );
});

accepted("the original Postman collection's ids (inf-002) are accepted; no id → the BFF assigns a UUID", async () => {
  const postman = {
    id_influencer: `inf-${Date.now() % 100_000}`,
    nombre: 'Juan Pérez',
    email: 'juan@example.com',
    categorias: ['tecnologia'],
    plataformas: ['youtube'],
  };
  const res = await post(JSON.stringify(postman));
  assert.is(res.statusCode, 202, res.body);
  assert.is(res.json<{ id_influencer: string }>().id_influencer, postman.id_influencer);
  const { id_influencer: _id, ...sinId } = postman;
  const assigned = await post(JSON.stringify(sinId));
  assert.is(assigned.statusCode, 202, assigned.body);
  const { id_influencer, id_correlacion } = assigned.json<{ id_influencer: string; id_correlacion: string }>();
  assert.match(id_influencer, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is(id_correlacion, sagaIds.correlationId(id_influencer));
});

accepted(
  'the same id with another body is a 409 naming the saga the id started; nothing new is published',
  async () => {
    const body = { ...cuerpo(), id_influencer: `inf-${randomUUID().slice(0, 8)}` };
    const first = await post(JSON.stringify(body));
    assert.is(first.statusCode, 202, first.body);
    const before = (await commandsOn(bff.client, bff.topics.commands)).length;
    const reused = await post(JSON.stringify({ ...body, email: 'otra@example.com' }));
    assert.is(reused.statusCode, 409, reused.body);
    assert.match(String(reused.headers['content-type']), /^application\/problem\+json/);
    const problem = reused.json<ProblemBody>();
    assert.is(problem.code, 'ID_INFLUENCER_EN_USO');
    assert.ok(problem.detail?.includes(sagaIds.correlationId(body.id_influencer)), problem.detail);
    assert.is(reused.headers['location'], `/sagas/${sagaIds.correlationId(body.id_influencer)}`);
    assert.is((await commandsOn(bff.client, bff.topics.commands)).length, before);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    assert.is(
      (await post(JSON.stringify(reordered))).statusCode,
      202,
      'the same body in another key order is the same registration',
    );
  },
);

accepted(
  'posting the same id_influencer and body again answers the same 202 with the same ids on the wire',
  async () => {
    const body = cuerpo();
    const first = await post(JSON.stringify(body));
    const second = await post(JSON.stringify(body));
    assert.equal([first.statusCode, second.statusCode], [202, 202]);
    assert.equal(second.json(), first.json());
    assert.is(second.headers['location'], first.headers['location']);
    const sent = (await commandsOn(bff.client, bff.topics.commands))
      .map((m) => JSON.parse(JSON.stringify(m.value)) as EventoCrearInfluencer)
      .filter((v) => v.data?.id === body.id_influencer);
    assert.ok(sent.length >= 1 && sent.length <= 2, `found ${sent.length}`);
    assert.is(new Set(sent.map((v) => v.message_id)).size, 1, 'one message id: downstream inboxes process it once');
    assert.is(new Set(sent.map((v) => v.correlation_id)).size, 1);
  },
);
accepted.run();

const unavailable = suite('POST /influencers: broker unavailable is a 503 and nothing is accepted');

unavailable('an unreachable broker answers 503 problem+json within the send timeout', async () => {
  const down = await startBff({ pulsarUrl: 'pulsar://127.0.0.1:1', sendTimeoutMs: 1000, waitUntilReading: false });
  try {
    const started = Date.now();
    const res = await down.app.inject({ method: 'POST', url: '/influencers', payload: cuerpo() });
    assert.is(res.statusCode, 503, res.body);
    assert.ok(Date.now() - started < 4000, `answered after ${Date.now() - started} ms`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.is(res.json<ProblemBody>().code, 'BROKER_NO_DISPONIBLE');
    const health = await down.app.inject({ method: 'GET', url: '/health' });
    assert.is(health.statusCode, 503);
  } finally {
    await down.close();
  }
});

unavailable('a closed broker client answers 503 and publishes nothing', async () => {
  const closing = await startBff({ sendTimeoutMs: 1000 });
  try {
    await closing.client.close();
    const res = await closing.app.inject({ method: 'POST', url: '/influencers', payload: cuerpo() });
    assert.is(res.statusCode, 503, res.body);
    const other = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
    assert.is((await commandsOn(other, closing.topics.commands)).length, 0);
    await other.close();
  } finally {
    await closing.close();
  }
});
unavailable(
  'the registrations ledger out of reach (its database gone) is a 503 with Retry-After, never a 500, and publishes nothing',
  async () => {
    const cut = await startBff({ sendTimeoutMs: 1000 });
    try {
      await cut.pool.end();
      const res = await cut.app.inject({ method: 'POST', url: '/influencers', payload: cuerpo() });
      assert.is(res.statusCode, 503, res.body);
      assert.is(res.json<ProblemBody>().code, 'REGISTRO_NO_DISPONIBLE');
      assert.is(res.headers['retry-after'], '5');
      const other = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
      assert.is((await commandsOn(other, cut.topics.commands)).length, 0);
      await other.close();
    } finally {
      await cut.close();
    }
  },
);
unavailable.run();

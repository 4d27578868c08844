import { randomUUID } from 'node:crypto';
import { testInfra } from '@alpes/infra/testing';
import { createPulsarClient, type PulsarClient } from '@alpes/pulsar';
import { createServiceMetrics, runRoute } from '@alpes/service-kit';
import type { FastifyInstance } from 'fastify';
import { sql } from 'slonik';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPostgresInfluencerQueries } from '../src/adapters/postgres/influencersQueries.ts';
import { buildApp } from '../src/app.ts';
import {
  crearInfluencerRoute,
  eliminarInfluencerRoute,
  influencersHandling,
} from '../src/adapters/messaging/influencerConsumers.ts';
import { crearInfluencerCommand, type SolicitudRegistro } from '../src/adapters/messaging/toCrearInfluencer.ts';
import { eliminarInfluencerCommand } from '../src/adapters/messaging/toEliminarInfluencer.ts';
import { database, SCHEMA, type Db } from './support.ts';

const test = suite('read API');
let db: Db;
let pulsar: PulsarClient;
let app: FastifyInstance;
const ids = { ana: randomUUID(), luis: randomUUID(), eva: randomUUID(), tumba: randomUUID() };

const solicitud = (id: string, nombre: string, email: string): SolicitudRegistro => ({
  id,
  nombre,
  email,
  categorias: ['moda'],
  plataformas: ['youtube'],
  descripcion: null,
  biografia: null,
  sitio_web: null,
  telefono: '+57 300 123 4567',
});
const context = () => {
  const inboxId = randomUUID();
  return { inboxId, causationId: inboxId, correlationId: randomUUID(), now: Date.now() };
};

async function seed(): Promise<void> {
  let clock = Date.UTC(2025, 8, 20, 3, 0, 0);
  const handling = { ...influencersHandling, store: db.store, log: () => undefined };
  const crear = (id: string, nombre: string, email: string) =>
    runRoute(
      crearInfluencerRoute,
      handling,
      crearInfluencerCommand(solicitud(id, nombre, email), (clock += 60_000)),
      context(),
    );
  const eliminar = (influencer_id: string, razon: string | null) =>
    runRoute(
      eliminarInfluencerRoute,
      handling,
      eliminarInfluencerCommand({ influencer_id, razon }, (clock += 60_000)),
      context(),
    );
  await crear(ids.ana, 'Ana', 'ana@gmail.com');
  await crear(ids.luis, 'Luis', 'compartido@gmail.com');
  await crear(ids.eva, 'Eva', 'compartido@gmail.com');
  await eliminar(ids.eva, 'Compensación por error en creación de contrato');
  await eliminar(ids.tumba, null);
}

test.before(async () => {
  db = await database('influencers_routes');
  pulsar = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  await seed();
  app = await buildApp({
    queries: createPostgresInfluencerQueries({ pool: db.pool, schema: SCHEMA }),
    checks: {
      database: async () => {
        await db.pool.query(sql.unsafe`select 1`);
      },
      broker: () => pulsar.checkHealth(),
    },
    registry: createServiceMetrics('influencers').registry,
  });
});

test.after(async () => {
  await app.close();
  await pulsar.close();
  await db.close();
});

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return {
    status: response.statusCode,
    type: response.headers['content-type'],
    body: response.json() as Record<string, unknown>,
  };
};

test('GET /influencers/:id → the read model, instants ISO-8601 UTC', async () => {
  const { status, body } = await get(`/influencers/${ids.ana}`);
  assert.is(status, 200);
  assert.equal(body, {
    id: ids.ana,
    nombre: 'Ana',
    email: 'ana@gmail.com',
    categorias: ['moda'],
    plataformas: ['youtube'],
    descripcion: null,
    biografia: null,
    sitio_web: null,
    telefono: '573001234567',
    estado: 'pendiente',
    razon_eliminacion: null,
    fecha_registro: '2025-09-20T03:01:00.000Z',
    fecha_eliminacion: null,
    correlation_id: body['correlation_id'],
    version: 1,
  });
  assert.type(body['correlation_id'], 'string');
});

test('deleted influencers and tombstones are shown with estado eliminado', async () => {
  const eva = await get(`/influencers/${ids.eva}`);
  assert.is(eva.body['estado'], 'eliminado');
  assert.is(eva.body['nombre'], 'Eva');
  assert.is(eva.body['razon_eliminacion'], 'Compensación por error en creación de contrato');
  assert.is(eva.body['fecha_eliminacion'], '2025-09-20T03:04:00.000Z');
  const tumba = await get(`/influencers/${ids.tumba}`);
  assert.is(tumba.body['estado'], 'eliminado');
  assert.is(tumba.body['nombre'], null);
  assert.is(tumba.body['razon_eliminacion'], 'Compensación por falla en saga');
});

test('an unknown id → 404 problem+json', async () => {
  const { status, type, body } = await get(`/influencers/${randomUUID()}`);
  assert.is(status, 404);
  assert.match(String(type), /application\/problem\+json/);
  assert.is(body['code'], 'INFLUENCER_NO_EXISTE');
});

test('GET /influencers filters by email (normalised) and estado, newest first', async () => {
  const shared = await get('/influencers?email=%20Compartido@Gmail.com');
  assert.equal(
    (shared.body['items'] as { id: string }[]).map((i) => i.id),
    [ids.eva, ids.luis],
  );
  assert.is(shared.body['total'], 2);
  const deleted = await get('/influencers?estado=eliminado');
  assert.equal((deleted.body['items'] as { id: string }[]).map((i) => i.id).sort(), [ids.eva, ids.tumba].sort());
  const both = await get('/influencers?email=compartido@gmail.com&estado=pendiente');
  assert.equal(
    (both.body['items'] as { id: string }[]).map((i) => i.id),
    [ids.luis],
  );
});

test('GET /influencers pages: page, limit, total', async () => {
  const all = await get('/influencers');
  assert.equal(
    { page: all.body['page'], limit: all.body['limit'], total: all.body['total'] },
    { page: 1, limit: 20, total: 4 },
  );
  const second = await get('/influencers?limit=2&page=2');
  assert.equal(
    (second.body['items'] as { id: string }[]).map((i) => i.id),
    [ids.ana, ids.tumba],
    'registration order, tombstones last',
  );
  assert.is(second.body['total'], 4);
  const beyond = await get('/influencers?limit=2&page=9');
  assert.equal(beyond.body['items'], []);
});

test('bad query parameters → 400 naming the field', async () => {
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['page=abc', 'page'],
    ['page=0', 'page'],
    ['estado=activo', 'estado'],
    ['color=rojo', 'color'],
  ]) {
    const { status, body } = await get(`/influencers?${query}`);
    assert.is(status, 400, query);
    assert.is(body['code'], 'VALIDATION_FAILED');
    assert.ok(
      (body['errors'] as { field: string }[]).some((e) => e.field === field),
      `${query} names ${field}: ${JSON.stringify(body)}`,
    );
  }
});

test('/health: 200 when the database and the broker answer, 503 when the broker does not', async () => {
  const up = await get('/health');
  assert.is(up.status, 200);
  assert.equal(up.body['checks'], { database: { status: 'up' }, broker: { status: 'up' } });
  const broken = await buildApp({
    queries: createPostgresInfluencerQueries({ pool: db.pool, schema: SCHEMA }),
    checks: {
      database: async () => {
        await db.pool.query(sql.unsafe`select 1`);
      },
      broker: async () => {
        throw new Error('broker unreachable');
      },
    },
    registry: createServiceMetrics('influencers').registry,
  });
  const down = await broken.inject({ method: 'GET', url: '/health' });
  assert.is(down.statusCode, 503);
  assert.equal(down.json().checks.broker, { status: 'down', error: 'broker unreachable' });
  await broken.close();
});

test('/docs/json lists the routes; /metrics answers', async () => {
  const docs = await get('/docs/json');
  const paths = Object.keys(docs.body['paths'] as object);
  for (const path of ['/influencers/{id}', '/influencers', '/health'])
    assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  assert.is(metrics.statusCode, 200);
  assert.match(metrics.body, /messages_consumed_total/);
});

test.run();

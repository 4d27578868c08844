// The read API with app.inject() against the real database: by id, 404, filters, pages, 400s, health, OpenAPI.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { runRoute } from '@alpes/service-kit';
import {
  campanasHandling,
  crearCampanaRoute,
  eliminarCampanaRoute,
} from '../src/adapters/messaging/campanaConsumers.ts';
import { crearCampanaCommand, type SolicitudCampana } from '../src/adapters/messaging/toCrearCampana.ts';
import { eliminarCampanaCommand } from '../src/adapters/messaging/toEliminarCampana.ts';
import { buildApp } from '../src/app.ts';
import { createCampanasQueries } from '../src/adapters/postgres/campanasQueries.ts';
import { sql } from 'slonik';
import { startDatabase, type Database } from './support/harness.ts';
import { newSaga, payload, type Saga } from './support/records.ts';

let db: Database;
let app: FastifyInstance;
let clock = Date.parse('2025-09-20T03:00:00.000Z');
const ids: Record<string, Saga> = {};

const handling = () => ({ ...campanasHandling, store: db.store, log: () => undefined });

async function seed(nombre: string, saga: Saga, overrides: Partial<SolicitudCampana> = {}): Promise<void> {
  ids[nombre] = saga;
  const context = {
    inboxId: `seed-${nombre}`,
    causationId: `seed-${nombre}`,
    correlationId: saga.correlationId,
    now: Date.now(),
  };
  const solicitud = { ...payload(saga), valor_comision: '100.00', fecha_inicio: '2025-09-20T03:00:00Z', ...overrides };
  const outcome = await runRoute(
    crearCampanaRoute,
    handling(),
    crearCampanaCommand(solicitud, (clock += 1000)),
    context,
  );
  assert.is(outcome.outcome, 'applied');
}

async function eliminar(nombre: string, saga: Saga): Promise<void> {
  ids[nombre] = saga;
  const solicitud = { campana_id: saga.campanaId, influencer_id: saga.idInfluencer, razon: 'email duplicado' };
  assert.is(
    (
      await runRoute(eliminarCampanaRoute, handling(), eliminarCampanaCommand(solicitud, (clock += 1000)), {
        inboxId: `seed-del-${nombre}`,
        causationId: `seed-del-${nombre}`,
        correlationId: saga.correlationId,
        now: Date.now(),
      })
    ).outcome,
    'applied',
  );
}

const get = (url: string) => app.inject({ method: 'GET', url });
const idOf = (nombre: string) => ids[nombre]?.campanaId ?? '';
interface Page {
  items: { id: string; estado: string }[];
  page: number;
  limit: number;
  total: number;
}

const test = suite('campanas read API');
/** `/health`'s checks as main.ts gives them: the database (select 1) and the broker. */
const checks = (broker: () => Promise<void>) => ({
  database: async () => {
    await db.pool.query(sql.unsafe`select 1`);
  },
  broker,
});
test.before(async () => {
  db = await startDatabase('campanas_routes');
  app = await buildApp({
    queries: createCampanasQueries(db.pool, 'campanas'),
    checks: checks(async () => undefined),
    registry: new Registry(),
  });
  const ana = newSaga();
  await seed('activa', ana);
  await seed(
    'borrador',
    { ...newSaga(), idInfluencer: ana.idInfluencer },
    { auto_activar: false, valor_comision: '1234.5' },
  );
  const luis = newSaga();
  await seed('eliminada', luis);
  await eliminar('eliminada', luis);
  await eliminar('tumba', newSaga());
  const pia = newSaga();
  for (const n of [1, 2, 3]) await seed(`pia${n}`, { ...newSaga(), idInfluencer: pia.idInfluencer });
});
test.after(async () => {
  await app.close();
  await db.close();
});

test('GET /campanas/:id shows the campaign: exact money, ISO instants, origin, material and criteria', async () => {
  const res = await get(`/campanas/${idOf('activa')}`);
  assert.is(res.statusCode, 200, res.body);
  const saga = ids['activa'] as Saga;
  assert.equal(res.json(), {
    id: saga.campanaId,
    nombre: 'Campaña de bienvenida para Ana García',
    descripcion: 'Campaña automática creada para el influencer Ana García',
    tipo_comision: 'cpa',
    valor_comision: '100.00',
    moneda: 'USD',
    fecha_inicio: '2025-09-20T03:00:00.000Z',
    fecha_fin: null,
    estado: 'activa',
    categorias_objetivo: ['moda', 'belleza'],
    material_promocional: {
      titulo: 'Material de bienvenida',
      descripcion: 'Material promocional para nuevos influencers',
      enlaces: [],
      imagenes: [],
      banners: [],
    },
    criterios_afiliado: {
      tipos_permitidos: ['influencer'],
      categorias_requeridas: ['moda', 'belleza'],
      paises_permitidos: ['CO', 'MX', 'AR'],
      metricas_minimas: {},
    },
    influencer_origen_id: saga.idInfluencer,
    influencer_origen_nombre: 'Ana García',
    influencer_origen_email: 'ana.garcia@example.com',
    categoria_origen: 'moda',
    es_automatica: true,
    fecha_creacion: '2025-09-20T03:00:01.000Z',
    fecha_activacion: '2025-09-20T03:00:01.000Z',
    razon_eliminacion: null,
    fecha_eliminacion: null,
    correlation_id: saga.correlationId,
    version: 2,
  });
});

test('a deleted campaign is shown with estado eliminada; a tombstone too', async () => {
  const eliminada = (await get(`/campanas/${idOf('eliminada')}`)).json();
  assert.equal(
    [eliminada.estado, eliminada.razon_eliminacion, eliminada.nombre, eliminada.version],
    ['eliminada', 'email duplicado', 'Campaña de bienvenida para Ana García', 3],
  );
  const tumba = await get(`/campanas/${idOf('tumba')}`);
  assert.is(tumba.statusCode, 200);
  assert.equal(
    [tumba.json().estado, tumba.json().nombre, tumba.json().influencer_origen_id],
    ['eliminada', null, ids['tumba']?.idInfluencer],
  );
});

test('GET /campanas/:id of an unknown id → 404 problem+json', async () => {
  const res = await get('/campanas/no-existe');
  assert.is(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal([res.json().code, res.json().status], ['CAMPANA_NO_ENCONTRADA', 404]);
});

test('GET /campanas filters by influencer and estado', async () => {
  const ana = ids['activa']?.idInfluencer ?? '';
  const todas = (await get(`/campanas?influencer_id=${ana}`)).json<Page>();
  assert.equal(
    todas.items.map((c) => c.id),
    [idOf('borrador'), idOf('activa')],
    'newest first',
  );
  assert.is(todas.total, 2);
  const borradores = (await get(`/campanas?influencer_id=${ana}&estado=borrador`)).json<Page>();
  assert.equal(
    borradores.items.map((c) => [c.id, c.estado]),
    [[idOf('borrador'), 'borrador']],
  );
  const eliminadas = (await get('/campanas?estado=eliminada')).json<Page>();
  assert.equal(eliminadas.items.map((c) => c.id).sort(), [idOf('eliminada'), idOf('tumba')].sort());
  assert.is((await get('/campanas')).json<Page>().total, 7);
});

test('GET /campanas pages with page and limit', async () => {
  const pia = ids['pia1']?.idInfluencer ?? '';
  const page = async (n: number) => (await get(`/campanas?influencer_id=${pia}&limit=2&page=${n}`)).json<Page>();
  const [one, two, three] = [await page(1), await page(2), await page(3)];
  assert.equal(
    one.items.map((c) => c.id),
    [idOf('pia3'), idOf('pia2')],
  );
  assert.equal(
    two.items.map((c) => c.id),
    [idOf('pia1')],
  );
  assert.equal([three.items.length, three.total, three.page, three.limit], [0, 3, 3, 2]);
});

test('bad query params → 400 naming each field', async () => {
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['page=abc', 'page'],
    ['page=0', 'page'],
    ['estado=pausada', 'estado'],
    ['foo=bar', 'foo'],
  ]) {
    const res = await get(`/campanas?${query}`);
    assert.is(res.statusCode, 400, query);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === field),
      `${query}: ${res.body}`,
    );
  }
});

test('/health is 200 when database and broker are up, 503 naming the broker when it is down', async () => {
  const up = await get('/health');
  assert.is(up.statusCode, 200);
  assert.equal(up.json(), {
    service: 'campanas',
    status: 'up',
    checks: { database: { status: 'up' }, broker: { status: 'up' } },
  });
  const down = await buildApp({
    queries: createCampanasQueries(db.pool, 'campanas'),
    checks: checks(async () => {
      throw new Error('broker unreachable');
    }),
    registry: new Registry(),
  });
  const res = await down.inject({ method: 'GET', url: '/health' });
  await down.close();
  assert.is(res.statusCode, 503);
  assert.equal(res.json().checks, {
    database: { status: 'up' },
    broker: { status: 'down', error: 'broker unreachable' },
  });
});

test('/docs/json lists the routes; /metrics answers', async () => {
  const paths = Object.keys((await get('/docs/json')).json().paths);
  assert.ok(
    paths.includes('/campanas') && paths.includes('/campanas/{id}') && paths.includes('/health'),
    paths.join(', '),
  );
  assert.is((await get('/metrics')).statusCode, 200);
});

test.run();

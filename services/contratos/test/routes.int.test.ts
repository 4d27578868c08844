// The read API with app.inject() against the real database, filled through the real command handlers.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import type { FastifyInstance } from 'fastify';
import { messageId } from '@alpes/pulsar';
import { createServiceMetrics } from '@alpes/service-kit';
import {
  contratosHandling,
  crearContratoRoute,
  eliminarContratoRoute,
} from '../src/adapters/messaging/contratoConsumers.ts';
import { commandHandler } from '@alpes/service-kit';
import { createPostgresContratoQueries } from '../src/adapters/postgres/contratosQueries.ts';
import { buildApp } from '../src/app.ts';
import { database, testLog } from './support/harness.ts';
import { crearV2, eliminar, registro, type Registro } from './support/records.ts';
import type { DatabasePool, PostgresEventStore } from '@alpes/eventstore/postgres';

let db: { pool: DatabasePool; store: PostgresEventStore; close: () => Promise<void> };
let app: FastifyInstance;
let brokerUp = true;
const registros: Registro[] = Array.from({ length: 5 }, () => registro());
const [ana, bea, carla, dani, eva] = registros as [Registro, Registro, Registro, Registro, Registro];

interface Contrato {
  id: string;
  estado: string;
  monto_base: string;
  influencer_email: string;
  categorias: string[];
  fecha_inicio: string;
  fecha_fin: string | null;
  razon_eliminacion: string | null;
  correlation_id: string;
  version: number;
}
interface Page {
  items: Contrato[];
  total: number;
  page: number;
  limit: number;
}

const test = suite('contratos read API');
test.before(async () => {
  db = await database('contratos_routes');
  let clock = Date.UTC(2025, 8, 20, 3, 0, 0);
  const handling = { ...contratosHandling, store: db.store, log: testLog, now: () => (clock += 1000) };
  const crear = commandHandler(crearContratoRoute, handling);
  const received = (n: number) => ({ topic: 't', messageId: messageId(9, n) });
  for (const [i, r] of registros.entries()) {
    await crear(
      crearV2(
        r,
        {
          influencer_email: `${['ana', 'bea', 'carla', 'dani', 'eva'][i]}@example.com`,
          monto_base: 2500.5,
          fecha_fin: '2025-12-31T00:00:00Z',
        },
        { monto_base_decimal: '2500.50' },
      ),
      received(i),
    );
  }
  await commandHandler(eliminarContratoRoute, handling)(eliminar(bea), received(99));
  const metrics = createServiceMetrics('contratos');
  app = await buildApp({
    queries: createPostgresContratoQueries(db.pool),
    checks: {
      database: async () => {
        await db.pool.query(sql.unsafe`select 1`);
      },
      broker: async () => {
        if (!brokerUp) throw new Error('broker unreachable');
      },
    },
    registry: metrics.registry,
  });
  await app.ready();
});
test.after(async () => {
  await app.close();
  await db.close();
});

test('GET /contratos/:id → the contract: exact money, ISO instants, state, correlation id', async () => {
  const res = await app.inject({ url: `/contratos/${ana.idContrato}` });
  assert.is(res.statusCode, 200, res.body);
  const c = res.json<Contrato>();
  assert.equal(
    [c.id, c.estado, c.monto_base, c.influencer_email, c.categorias, c.correlation_id, c.version],
    [ana.idContrato, 'activo', '2500.50', 'ana@example.com', ['moda', 'belleza'], ana.correlationId, 1],
  );
  assert.equal([c.fecha_inicio, c.fecha_fin], ['2025-09-20T03:21:45.900Z', '2025-12-31T00:00:00.000Z']);
});

test('a deleted contract is shown with estado eliminado and its reason', async () => {
  const c = (await app.inject({ url: `/contratos/${bea.idContrato}` })).json<Contrato>();
  assert.equal([c.estado, c.razon_eliminacion, c.version], ['eliminado', 'Compensación por falla en saga', 2]);
});

test('an unknown id → 404 problem+json', async () => {
  const res = await app.inject({ url: '/contratos/no-existe' });
  assert.is(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.is(res.json<{ code: string }>().code, 'CONTRATO_NO_ENCONTRADO');
});

test('GET /contratos: newest first, filters by influencer, campaign, email (case-blind) and state, paginated', async () => {
  const all = (await app.inject({ url: '/contratos' })).json<Page>();
  assert.equal([all.total, all.page, all.limit], [5, 1, 20]);
  assert.equal(
    all.items.map((c) => c.id),
    [eva, dani, carla, bea, ana].map((r) => r.idContrato),
  );
  const page2 = (await app.inject({ url: '/contratos?limit=2&page=2' })).json<Page>();
  assert.equal([page2.total, page2.items.map((c) => c.id)], [5, [carla.idContrato, bea.idContrato]]);
  const by = async (query: string) =>
    (await app.inject({ url: `/contratos?${query}` })).json<Page>().items.map((c) => c.id);
  assert.equal(await by(`influencer_id=${dani.idInfluencer}`), [dani.idContrato]);
  assert.equal(await by(`campana_id=${carla.idCampana}`), [carla.idContrato]);
  assert.equal(await by('email=EVA@Example.com'), [eva.idContrato]);
  assert.equal(await by('estado=eliminado'), [bea.idContrato]);
  assert.equal(await by(`estado=activo&influencer_id=${bea.idInfluencer}`), []);
});

test('bad query parameters → 400 naming each', async () => {
  const res = await app.inject({ url: '/contratos?limit=101&page=0&estado=pendiente&color=rojo' });
  assert.is(res.statusCode, 400, res.body);
  const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
  for (const field of ['limit', 'page', 'estado', 'color'])
    assert.ok(fields.includes(field), `${field} in ${fields.join(',')}`);
  assert.is((await app.inject({ url: '/contratos?limit=abc' })).statusCode, 400);
});

test('/health: 200 when the database and the broker answer, 503 naming the broker when it does not', async () => {
  const up = await app.inject({ url: '/health' });
  assert.is(up.statusCode, 200, up.body);
  brokerUp = false;
  const down = await app.inject({ url: '/health' });
  brokerUp = true;
  assert.is(down.statusCode, 503);
  const body = down.json<{ checks: Record<string, { status: string; error?: string }> }>();
  assert.equal(body.checks['database']?.status, 'up');
  assert.equal([body.checks['broker']?.status, body.checks['broker']?.error], ['down', 'broker unreachable']);
});

test('/docs/json lists the routes; /metrics answers', async () => {
  const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
  for (const path of ['/contratos/{id}', '/contratos', '/health'])
    assert.ok(path in doc.paths, `${path} in ${Object.keys(doc.paths).join(', ')}`);
  const metrics = await app.inject({ url: '/metrics' });
  assert.is(metrics.statusCode, 200);
  assert.match(metrics.body, /messages_consumed_total/);
});

test.run();

// THE RULE (D-13): one ACTIVE contract per influencer email, enforced by the `contrato_activo-<email>` stream in the
// same transaction as the contract; racing registrations serialise; a compensated contract frees the email.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { messageId } from '@alpes/pulsar';
import {
  contratosHandling,
  crearContratoRoute,
  eliminarContratoRoute,
} from '../src/adapters/messaging/contratoConsumers.ts';
import { commandHandler } from '@alpes/service-kit';
import { database, events, outbox, produce, startHarness, testLog, waitFor, type Harness } from './support/harness.ts';
import { crearV2, eliminar, registro } from './support/records.ts';
import type { DatabasePool, PostgresEventStore } from '@alpes/eventstore/postgres';

const received = (n: number) => ({
  topic: 'persistent://public/default/comandos-contratos-v2',
  messageId: messageId(1, n),
});

interface Outcomes {
  creados: string[];
  errores: { id: string; code: string | null; error: string | null }[];
}

async function outcomes(pool: DatabasePool, ids: readonly string[]): Promise<Outcomes> {
  const creados = (await outbox(pool, 'eventos-contratos')).map((m) => m.key).filter((k) => ids.includes(k));
  const errores = (await outbox(pool, 'eventos-contratos-error'))
    .filter((m) => ids.includes(m.key))
    .map((m) => ({ id: m.key, code: m.record.error_codigo, error: m.record.data?.error ?? null }));
  return { creados, errores };
}

const direct = suite('one active contract per email: handlers racing on the real database');
let db: { pool: DatabasePool; store: PostgresEventStore; close: () => Promise<void> };
direct.before(async () => {
  db = await database('contratos_activo');
});
direct.after(async () => {
  await db.close();
});

direct(
  'N registrations of one email at once → exactly one ContratoCreado, the others CONTRATO_ACTIVO_EXISTENTE',
  async () => {
    const crear = commandHandler(crearContratoRoute, { ...contratosHandling, store: db.store, log: testLog });
    for (const n of [2, 5]) {
      const email = `race${n}@example.com`;
      const registros = Array.from({ length: n }, () => registro());
      await Promise.all(
        registros.map((r, i) =>
          crear(crearV2(r, { influencer_email: i % 2 === 0 ? email : email.toUpperCase() }), received(i)),
        ),
      );
      const { creados, errores } = await outcomes(
        db.pool,
        registros.map((r) => r.idContrato),
      );
      assert.is(creados.length, 1, `${n}: one created`);
      assert.is(errores.length, n - 1, `${n}: the others refused`);
      for (const e of errores) {
        assert.is(e.code, 'CONTRATO_ACTIVO_EXISTENTE');
        assert.ok(e.error?.includes(`r***@example.com ya tiene un contrato activo: ${creados[0]}`), String(e.error));
        assert.not.ok(e.error?.includes(email), `the stored message masks the email: ${String(e.error)}`);
      }
      const reservas = await events(db.pool, `contrato_activo-${email}`);
      assert.equal(
        reservas.map((e) => [e.type, e.data['id_contrato']]),
        [['ContratoActivoAsignado', creados[0]]],
      );
      const rows = await db.pool.oneFirst(
        sql.type(
          z.object({ n: z.number() }),
        )`select count(*)::int4 as n from contratos.contratos where influencer_email = ${email}`,
      );
      assert.is(rows, 1);
    }
  },
);

direct(
  'after the active contract is deleted (compensation) the email signs again; the read model keeps both rows (D-13 fixed)',
  async () => {
    const crear = commandHandler(crearContratoRoute, { ...contratosHandling, store: db.store, log: testLog });
    const borrar = commandHandler(eliminarContratoRoute, { ...contratosHandling, store: db.store, log: testLog });
    const email = 'again@example.com';
    const [primero, segundo, tercero] = [registro(), registro(), registro()];
    await crear(crearV2(primero, { influencer_email: email }), received(1));
    await crear(crearV2(segundo, { influencer_email: email }), received(2));
    await borrar(eliminar(primero), received(3));
    await crear(crearV2(tercero, { influencer_email: email }), received(4));
    const { creados, errores } = await outcomes(
      db.pool,
      [primero, segundo, tercero].map((r) => r.idContrato),
    );
    assert.equal(creados, [primero.idContrato, tercero.idContrato]);
    assert.equal(
      errores.map((e) => [e.id, e.code]),
      [[segundo.idContrato, 'CONTRATO_ACTIVO_EXISTENTE']],
    );
    const estados = await db.pool.any(sql.type(z.object({ id: z.string(), estado: z.string() }))`
    select id, estado from contratos.contratos where influencer_email = ${email} order by fecha_creacion`);
    assert.equal(
      estados.map((row) => [row.id, row.estado]),
      [
        [primero.idContrato, 'eliminado'],
        [tercero.idContrato, 'activo'],
      ],
    );
    const registry = await events(db.pool, `contrato_activo-${email}`);
    assert.equal(
      registry.map((e) => [e.type, e.data['id_contrato']]),
      [
        ['ContratoActivoAsignado', primero.idContrato],
        ['ContratoActivoLiberado', primero.idContrato],
        ['ContratoActivoAsignado', tercero.idContrato],
      ],
    );
  },
);

direct('deleting the refused contract does not free the email another contract holds', async () => {
  const crear = commandHandler(crearContratoRoute, { ...contratosHandling, store: db.store, log: testLog });
  const borrar = commandHandler(eliminarContratoRoute, { ...contratosHandling, store: db.store, log: testLog });
  const email = 'holder@example.com';
  const [holder, refused, later] = [registro(), registro(), registro()];
  await crear(crearV2(holder, { influencer_email: email }), received(1));
  await crear(crearV2(refused, { influencer_email: email }), received(2));
  await borrar(eliminar(refused), received(3));
  await crear(crearV2(later, { influencer_email: email }), received(4));
  const { creados, errores } = await outcomes(
    db.pool,
    [holder, refused, later].map((r) => r.idContrato),
  );
  assert.equal(creados, [holder.idContrato]);
  assert.equal(
    errores.map((e) => e.code),
    ['CONTRATO_ACTIVO_EXISTENTE', 'CONTRATO_ACTIVO_EXISTENTE'],
  );
});

let h: Harness;
const broker = suite("one active contract per email: two sagas over the broker (the original's error script)");
broker.before(async () => {
  h = await startHarness('contratos_activo_broker', { concurrency: 4 });
});
broker.after(async () => {
  await h.close();
});

broker(
  'two influencers with one email: the second contract is refused; after compensating the first, a third signs',
  async () => {
    const email = 'duplicado@example.com';
    const [a, b, c] = [registro(), registro(), registro()];
    await Promise.all([
      produce(h, 'comandos-contratos-v2', crearV2(a, { influencer_email: email }), 'v2'),
      produce(h, 'comandos-contratos-v2', crearV2(b, { influencer_email: email }), 'v2'),
    ]);
    const first = await waitFor('both answered', async () => {
      const o = await outcomes(h.pool, [a.idContrato, b.idContrato]);
      return o.creados.length + o.errores.length >= 2 ? o : undefined;
    });
    assert.is(first.creados.length, 1);
    assert.equal(
      first.errores.map((e) => e.code),
      ['CONTRATO_ACTIVO_EXISTENTE'],
    );
    const winner = first.creados[0] === a.idContrato ? a : b;
    await produce(h, 'comandos-contratos-eliminacion', eliminar(winner), 'v1');
    await waitFor('the deletion confirmed', async () =>
      (await outbox(h.pool, 'eventos-contratos-eliminados', winner.idContrato)).length > 0 ? true : undefined,
    );
    await produce(h, 'comandos-contratos-v2', crearV2(c, { influencer_email: email }), 'v2');
    const last = await waitFor('the third answered', async () => {
      const o = await outcomes(h.pool, [c.idContrato]);
      return o.creados.length + o.errores.length > 0 ? o : undefined;
    });
    assert.equal(last.creados, [c.idContrato], JSON.stringify(last.errores));
  },
);

direct.run();
broker.run();

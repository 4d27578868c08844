// Command messages in over the real broker → events, read model, outbox rows (v2), inbox; v1 records; poison → DLQ.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { bytesSchema } from '@alpes/pulsar';
import { catalogue } from '@alpes/contracts';
import { count, events, outbox, produce, startHarness, waitFor, type Harness } from './support/harness.ts';
import { crearV1, crearV2, eliminar, registro } from './support/records.ts';

let h: Harness;
const test = suite('contratos consumers');
test.before(async () => {
  h = await startHarness('contratos_cmds');
});
test.after(async () => {
  await h.close();
});

const estadoOf = (id: string) =>
  h.pool.maybeOneFirst(
    sql.type(z.object({ estado: z.string() }))`select estado from contratos.contratos where id = ${id}`,
  );
const creados = (id: string) => outbox(h.pool, 'eventos-contratos', id);
const eliminados = (id: string) => outbox(h.pool, 'eventos-contratos-eliminados', id);

test('a v2 ComandoCrearContrato → ContratoCreado + email reservation, read-model row, v2 outbox row, inbox', async () => {
  const r = registro();
  const command = crearV2(r, { influencer_email: 'v2.' + r.idInfluencer + '@example.com' });
  await produce(h, 'comandos-contratos-v2', command, 'v2');
  const [message] = await waitFor('ContratoCreado in the outbox', async () =>
    (await creados(r.idContrato)).length > 0 ? creados(r.idContrato) : undefined,
  );
  const stored = await events(h.pool, `contrato-${r.idContrato}`);
  assert.equal(
    stored.map((e) => e.type),
    ['ContratoCreado'],
  );
  assert.equal(stored[0]?.metadata, { correlationId: r.correlationId, causationId: command.message_id });
  const reserva = await events(h.pool, `contrato_activo-v2.${r.idInfluencer}@example.com`);
  assert.equal(
    reserva.map((e) => [e.type, e.data['id_contrato']]),
    [['ContratoActivoAsignado', r.idContrato]],
  );
  assert.is(await estadoOf(r.idContrato), 'activo');
  const record = message?.record;
  assert.equal(record?.data, {
    id_contrato: r.idContrato,
    id_influencer: r.idInfluencer,
    id_campana: r.idCampana,
    monto_total: 100,
    moneda: 'USD',
    tipo_contrato: 'puntual',
    fecha_creacion: record?.data?.fecha_creacion,
  });
  assert.match(record?.data?.fecha_creacion ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.is(record?.monto_total_decimal, '100.00');
  assert.equal(
    [record?.message_type, record?.correlation_id, record?.causation_id, record?.producer_service],
    [catalogue['eventos-contratos'].messageType, r.correlationId, command.message_id, 'contratos'],
  );
  assert.is(
    record?.message_id,
    await h.pool.oneFirst(
      sql.type(
        z.object({ id: z.string() }),
      )`select event_id::text as id from contratos.events where stream_id = ${`contrato-${r.idContrato}`}`,
    ),
  );
  assert.is(message?.key, r.idContrato);
});

test('the same command delivered twice → one contract, one event, one outbox row', async () => {
  const r = registro();
  const command = crearV2(r, { influencer_email: `twice.${r.idInfluencer}@example.com` });
  await produce(h, 'comandos-contratos-v2', command, 'v2');
  await produce(h, 'comandos-contratos-v2', command, 'v2');
  const marker = registro();
  await produce(
    h,
    'comandos-contratos-v2',
    crearV2(marker, { influencer_email: `m.${marker.idInfluencer}@example.com` }),
    'v2',
  );
  await waitFor('the marker after both copies', async () =>
    (await creados(marker.idContrato)).length > 0 ? true : undefined,
  );
  assert.is((await events(h.pool, `contrato-${r.idContrato}`)).length, 1);
  assert.is((await creados(r.idContrato)).length, 1);
  assert.is(
    await h.pool.oneFirst(
      sql.type(
        z.object({ n: z.number() }),
      )`select count(*)::int4 as n from contratos.contratos where id = ${r.idContrato}`,
    ),
    1,
  );
});

test('a v1 record (original tools: no envelope, no id_contrato) is processed like v2: derived ids, exact money', async () => {
  const r = registro();
  await produce(
    h,
    'comandos-contratos-v2',
    crearV1(r, { influencer_email: `v1.${r.idInfluencer}@example.com`, monto_base: 2500.5 }),
    'v1',
  );
  const [message] = await waitFor('ContratoCreado for the derived id', async () =>
    (await creados(r.idContrato)).length > 0 ? creados(r.idContrato) : undefined,
  );
  assert.is(message?.record.correlation_id, r.correlationId);
  assert.is(message?.record.monto_total_decimal, '2500.50');
  assert.match(message?.record.causation_id ?? '', /^pulsar:.*:\d+:\d+:-?\d+:-?\d+$/);
  assert.is(await estadoOf(r.idContrato), 'activo');
});

test('a refusal → ErrorCreacionContrato (v2) with error_codigo and a readable error; nothing created', async () => {
  const r = registro();
  await produce(h, 'comandos-contratos-v2', crearV2(r, { influencer_email: 'ana' }), 'v2');
  const [error] = await waitFor('the error event', async () => {
    const rows = await outbox(h.pool, 'eventos-contratos-error', r.idContrato);
    return rows.length > 0 ? rows : undefined;
  });
  assert.is(error?.record.error_codigo, 'EMAIL_INVALIDO');
  assert.match(error?.record.data?.error ?? '', /influencer_email no válido/);
  assert.equal(
    [error?.record.data?.monto_total, error?.record.monto_total_decimal, error?.record.correlation_id],
    [100, '100.00', r.correlationId],
  );
  assert.is((await events(h.pool, `contrato-${r.idContrato}`)).length, 0);
  assert.is(await estadoOf(r.idContrato), null);
});

test('garbage bytes → retried, then dead-lettered; the consumer goes on with the next message', async () => {
  const producer = await h.client.createProducer({ topic: h.topics.crear, schema: bytesSchema(), batching: false });
  await producer.send({ value: Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]) });
  await producer.close();
  const r = registro();
  await produce(
    h,
    'comandos-contratos-v2',
    crearV2(r, { influencer_email: `after.${r.idInfluencer}@example.com` }),
    'v2',
  );
  await waitFor('the valid message after the garbage', async () =>
    (await creados(r.idContrato)).length > 0 ? true : undefined,
  );
  const dlq = await h.client.createReader({
    topic: `${h.topics.crear}-${catalogue['comandos-contratos-v2'].consumers[0].subscription}-DLQ`,
    startMessageId: 'earliest',
    schema: bytesSchema(),
  });
  const dead = await dlq.readNext(15_000);
  assert.equal([...dead.data], [0xff, 0xfe, 0x00, 0x13, 0x37]);
  assert.is(dead.properties['REAL_TOPIC'], h.topics.crear);
  await dlq.close();
});

test('a record without data (no command can be built) → DLQ, nothing written', async () => {
  const before = await Promise.all([count(h.pool, 'events'), count(h.pool, 'outbox'), count(h.pool, 'inbox')]);
  const r = registro();
  await produce(h, 'comandos-contratos-eliminacion', { ...eliminar(r), data: null }, 'v1');
  const dlq = await h.client.createReader({
    topic: `${h.topics.eliminar}-contratos-sub-comandos-eliminacion-DLQ`,
    startMessageId: 'earliest',
    schema: bytesSchema(),
  });
  await dlq.readNext(15_000);
  await dlq.close();
  assert.equal(await Promise.all([count(h.pool, 'events'), count(h.pool, 'outbox'), count(h.pool, 'inbox')]), before);
});

test('compensation: contract deleted (soft) + confirmation; delivered twice → applied once; a retry with a new id → confirmed again', async () => {
  const r = registro();
  await produce(
    h,
    'comandos-contratos-v2',
    crearV2(r, { influencer_email: `comp.${r.idInfluencer}@example.com` }),
    'v2',
  );
  await waitFor('created', async () => ((await creados(r.idContrato)).length > 0 ? true : undefined));
  const command = eliminar(r);
  await produce(h, 'comandos-contratos-eliminacion', command, 'v1');
  await produce(h, 'comandos-contratos-eliminacion', command, 'v1');
  await produce(h, 'comandos-contratos-eliminacion', eliminar(r), 'v1');
  const confirmations = await waitFor('two confirmations', async () => {
    const rows = await eliminados(r.idContrato);
    return rows.length >= 2 ? rows : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is((await eliminados(r.idContrato)).length, 2, 'one per distinct message id');
  assert.equal(
    (await events(h.pool, `contrato-${r.idContrato}`)).map((e) => e.type),
    ['ContratoCreado', 'ContratoEliminado'],
  );
  const liberado = await events(h.pool, `contrato_activo-comp.${r.idInfluencer}@example.com`);
  assert.equal(
    liberado.map((e) => e.type),
    ['ContratoActivoAsignado', 'ContratoActivoLiberado'],
  );
  assert.is(await estadoOf(r.idContrato), 'eliminado');
  const [first, again] = confirmations.map((c) => c.record);
  assert.equal(first?.data, again?.data);
  assert.equal(first?.data?.contrato_id, r.idContrato);
  assert.is(first?.data?.razon, 'Compensación por falla en saga');
  assert.ok(first?.message_id !== again?.message_id, 'a fresh id for the repeated confirmation');
  assert.equal(
    [first?.causation_id, first?.correlation_id, first?.message_type],
    [command.message_id, r.correlationId, 'ContratoEliminado'],
  );
});

test('a delete before the create leaves a tombstone, is confirmed, and the late create is refused (CONTRATO_ELIMINADO)', async () => {
  const r = registro();
  await produce(h, 'comandos-contratos-eliminacion', eliminar(r), 'v1');
  await waitFor('confirmation', async () => ((await eliminados(r.idContrato)).length > 0 ? true : undefined));
  await produce(
    h,
    'comandos-contratos-v2',
    crearV2(r, { influencer_email: `late.${r.idInfluencer}@example.com` }),
    'v2',
  );
  const [error] = await waitFor('error', async () => {
    const rows = await outbox(h.pool, 'eventos-contratos-error', r.idContrato);
    return rows.length > 0 ? rows : undefined;
  });
  assert.is(error?.record.error_codigo, 'CONTRATO_ELIMINADO');
  assert.is(await estadoOf(r.idContrato), null);
  assert.is(
    (await events(h.pool, `contrato_activo-late.${r.idInfluencer}@example.com`)).length,
    0,
    'the email was never taken',
  );
});

test.run();

// campanas end to end on the real broker and database: command in → events, read model, outbox (v2 Avro);
// idempotency, refusals as error events, v1 messages, poison messages to the dead-letter topic, compensations.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, sagaIds } from '@alpes/contracts';
import type { ComandoCrearCampana } from '@alpes/contracts';
import { bytesSchema } from '@alpes/pulsar';
import { sql } from 'slonik';
import { z } from 'zod';
import { eventsOf, eventually, inboxIds, outboxOn, startHarness, type Harness } from './support/harness.ts';
import { crearV2, eliminarV2, newSaga, payload, type Saga } from './support/records.ts';

let h: Harness;
const test = suite('campanas consumers');
test.before(async () => {
  h = await startHarness('campanas_consumers');
});
test.after(async () => {
  await h.close();
});

const filaRow = z.object({
  estado: z.string(),
  valor_comision: z.string().nullable(),
  influencer_origen_id: z.string().nullable(),
  categoria_origen: z.string().nullable(),
  es_automatica: z.boolean(),
  correlation_id: z.string().nullable(),
  razon_eliminacion: z.string().nullable(),
  version: z.number(),
});
const fila = (id: string) =>
  h.pool.maybeOne(sql.type(filaRow)`
  select estado, valor_comision::text as valor_comision, influencer_origen_id, categoria_origen, es_automatica, correlation_id, razon_eliminacion, version
  from campanas.campanas where id = ${id}`);
const filaEn = (id: string, estado: string) =>
  eventually(async () => {
    const row = await fila(id);
    return row?.estado === estado ? row : undefined;
  });

const crear = (saga: Saga, record: ComandoCrearCampana = crearV2(saga)) =>
  h.produce('comandos-campanas', record, { key: saga.campanaId });
const creadas = async (campanaId: string) => (await outboxOn(h, 'eventos-campanas')).filter((r) => r.key === campanaId);
const errores = async (key: string) =>
  (await outboxOn(h, 'eventos-campanas-error'))
    .filter((r) => r.key === key)
    .map((r) => decode('eventos-campanas-error', r.value));
const confirmaciones = async (campanaId: string) =>
  (await outboxOn(h, 'eventos-campanas-eliminadas'))
    .filter((r) => r.key === campanaId)
    .map((r) => decode('eventos-campanas-eliminadas', r.value));

test('a v2 CrearCampana → CampanaCreada + CampanaActivada, an active read-model row with its origin, a v2 outbox row', async () => {
  const saga = newSaga();
  const command = crearV2(saga);
  await crear(saga, command);
  const row = await filaEn(saga.campanaId, 'activa');
  assert.equal(
    { ...row },
    {
      estado: 'activa',
      valor_comision: '100.00',
      influencer_origen_id: saga.idInfluencer,
      categoria_origen: 'moda',
      es_automatica: true,
      correlation_id: saga.correlationId,
      razon_eliminacion: null,
      version: 2,
    },
  );
  const events = await eventsOf(h, saga.campanaId);
  assert.equal(
    events.map((e) => e.type),
    ['CampanaCreada', 'CampanaActivada'],
  );
  assert.equal(events[0]?.metadata, { correlationId: saga.correlationId, causationId: command.message_id });
  const [out, ...more] = await creadas(saga.campanaId);
  assert.is(more.length, 0);
  assert.is(out?.schema_version, 2);
  const record = decode('eventos-campanas', out?.value ?? Buffer.alloc(0));
  assert.equal(
    { ...record.data, fecha_inicio: null, fecha_creacion: null },
    {
      campana_id: saga.campanaId,
      nombre: 'Campaña de bienvenida para Ana García',
      descripcion: 'Campaña automática creada para el influencer Ana García',
      tipo_comision: 'cpa',
      valor_comision: 100,
      moneda: 'USD',
      categorias_objetivo: ['moda', 'belleza'],
      fecha_inicio: null,
      fecha_fin: null,
      influencer_id: saga.idInfluencer,
      influencer_nombre: 'Ana García',
      influencer_email: 'ana.garcia@example.com',
      monto_base: 100,
      entregables: 'Promoción de campaña',
      tipo_contrato: 'puntual',
      fecha_creacion: null,
    },
  );
  assert.match(record.data?.fecha_creacion ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.equal([record.valor_comision_decimal, record.monto_base_decimal], ['100.00', '100.00']);
  assert.equal(
    [record.message_id, record.message_type, record.correlation_id, record.causation_id, record.producer_service],
    [events[0]?.event_id, 'CampanaCreada', saga.correlationId, command.message_id, 'campanas'],
  );
  assert.is(record.occurred_at, Date.parse(record.data?.fecha_creacion ?? ''));
});

test('the same command delivered twice → one campaign, one CampanaCreada, one outbox row', async () => {
  const saga = newSaga();
  const sentinel = newSaga();
  await crear(saga);
  await crear(saga);
  await crear(sentinel);
  await filaEn(sentinel.campanaId, 'activa');
  assert.equal(
    (await eventsOf(h, saga.campanaId)).map((e) => e.type),
    ['CampanaCreada', 'CampanaActivada'],
  );
  assert.is((await creadas(saga.campanaId)).length, 1);
});

test('exact money: valor_comision_decimal wins over the float (0.1 is not 0.10000000149)', async () => {
  const saga = newSaga();
  await crear(saga, { ...crearV2(saga, { valor_comision: 0.1 }), valor_comision_decimal: '0.10' });
  assert.is((await filaEn(saga.campanaId, 'activa')).valor_comision, '0.10');
  const [out] = await creadas(saga.campanaId);
  assert.is(decode('eventos-campanas', out?.value ?? Buffer.alloc(0)).valor_comision_decimal, '0.10');
});

test('a category outside the catalogue → ErrorCreacionCampana (CATEGORIA_NO_PERMITIDA), no campaign, inbox recorded', async () => {
  const saga = newSaga();
  const command = crearV2(saga, { categorias_objetivo: ['astrología'], categoria_origen: 'astrología' });
  await crear(saga, command);
  const [error, ...more] = await eventually(async () => {
    const found = await errores(saga.campanaId);
    return found.length > 0 ? found : undefined;
  });
  assert.is(more.length, 0);
  assert.equal(
    { ...error?.data, fecha_error: null },
    {
      id_campana: saga.campanaId,
      id_influencer: saga.idInfluencer,
      nombre: 'Campaña de bienvenida para Ana García',
      error_codigo: 'CATEGORIA_NO_PERMITIDA',
      error: 'categorías fuera del catálogo: astrología',
      error_detalle:
        'Error en creación de campaña: categorías fuera del catálogo: astrología {"categorias":["astrología"]}',
      fecha_error: null,
    },
  );
  assert.equal(
    [error?.message_type, error?.correlation_id, error?.causation_id, error?.producer_service],
    ['ErrorCreacionCampana', saga.correlationId, command.message_id, 'campanas'],
  );
  assert.is(await fila(saga.campanaId), null);
  assert.is((await eventsOf(h, saga.campanaId)).length, 0);
  assert.ok((await inboxIds(h)).includes(command.message_id ?? ''));
});

test('an original v1 record (no envelope, float money) is processed like a v2 one', async () => {
  const saga = newSaga();
  const v1 = { data: payload(saga, { valor_comision: 250.5 }) } as unknown as ComandoCrearCampana;
  await h.produce('comandos-campanas', v1, { key: saga.campanaId, version: 'v1' });
  const row = await filaEn(saga.campanaId, 'activa');
  assert.equal([row.valor_comision, row.correlation_id], ['250.50', saga.correlationId]);
  const [event] = await eventsOf(h, saga.campanaId);
  assert.match(
    String(event?.metadata['causationId']),
    /^pulsar:persistent:\/\/public\/default\/comandos-campanas-.+:\d+:\d+:-?\d+:-?\d+$/,
  );
  const record = decode('eventos-campanas', (await creadas(saga.campanaId))[0]?.value ?? Buffer.alloc(0));
  assert.equal(
    [record.correlation_id, record.valor_comision_decimal],
    [sagaIds.correlationId(saga.idInfluencer), '250.50'],
  );
});

test('garbage bytes and a record without data go to the dead-letter topic; the consumer goes on', async () => {
  const garbage = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff, 0x01]);
  await h.produceBytes('crear', garbage);
  const sinData = newSaga();
  await crear(sinData, { ...crearV2(sinData), data: null });
  const after = newSaga();
  await crear(after);
  await filaEn(after.campanaId, 'activa');
  const dlq = await h.client.createReader({
    topic: `${h.topics.crear}-campanas-sub-comandos-DLQ`,
    startMessageId: 'earliest',
    schema: bytesSchema(),
  });
  const dead: Buffer[] = [];
  try {
    while (dead.length < 2) dead.push(Buffer.from((await dlq.readNext(15_000)).value));
  } finally {
    await dlq.close();
  }
  assert.ok(
    dead.some((bytes) => bytes.equals(garbage)),
    'the garbage is in the DLQ',
  );
  assert.ok(
    dead.some((bytes) => !bytes.equals(garbage)),
    'the record without data is in the DLQ',
  );
  assert.is((await eventsOf(h, sinData.campanaId)).length, 0);
});

test('EliminarCampana → estado eliminada + CampanaEliminada on its own topic; twice → applied once; a retry → confirmed again', async () => {
  const saga = newSaga();
  await crear(saga);
  await filaEn(saga.campanaId, 'activa');
  const request = eliminarV2(saga);
  await h.produce('eventos-campanas-eliminacion-v2', request, { key: saga.campanaId });
  await h.produce('eventos-campanas-eliminacion-v2', request, { key: saga.campanaId });
  const row = await filaEn(saga.campanaId, 'eliminada');
  assert.is(row.razon_eliminacion, request.data?.razon);
  const retry = eliminarV2(saga);
  await h.produce('eventos-campanas-eliminacion-v2', retry, { key: saga.campanaId });
  const [first, second, ...more] = await eventually(async () => {
    const found = await confirmaciones(saga.campanaId);
    return found.length >= 2 ? found : undefined;
  });
  assert.is(more.length, 0);
  assert.equal(
    (await eventsOf(h, saga.campanaId)).map((e) => e.type),
    ['CampanaCreada', 'CampanaActivada', 'CampanaEliminada'],
  );
  assert.equal(first?.data, second?.data);
  assert.equal(first?.data?.influencer_id, saga.idInfluencer);
  assert.equal([first?.causation_id, second?.causation_id], [request.message_id, retry.message_id]);
  assert.is.not(first?.message_id, second?.message_id);
  assert.equal(
    [first?.message_type, first?.producer_service, first?.correlation_id],
    ['CampanaEliminada', 'campanas', saga.correlationId],
  );
  assert.is(
    (await outboxOn(h, 'eventos-campanas-eliminacion-v2')).length,
    0,
    'never published on the request topic (D-14)',
  );
});

test('a deletion before the creation leaves a tombstone, is confirmed, and the late create is refused (CAMPANA_ELIMINADA)', async () => {
  const saga = newSaga();
  await h.produce('eventos-campanas-eliminacion-v2', eliminarV2(saga), { key: saga.campanaId });
  assert.is((await filaEn(saga.campanaId, 'eliminada')).influencer_origen_id, saga.idInfluencer);
  assert.is((await confirmaciones(saga.campanaId)).length, 1);
  await crear(saga, crearV2(saga, {}, randomUUID()));
  const [error] = await eventually(async () => {
    const found = await errores(saga.campanaId);
    return found.length > 0 ? found : undefined;
  });
  assert.is(error?.data?.error_codigo, 'CAMPANA_ELIMINADA');
  assert.equal(
    (await eventsOf(h, saga.campanaId)).map((e) => e.type),
    ['CampanaEliminada'],
  );
});

test.run();

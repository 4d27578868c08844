import { randomUUID } from 'node:crypto';
import { sagaIds } from '@alpes/contracts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crearRecord, crearRecordV1 } from './records.ts';
import { eventsOf, eventually, outbox, readModel, service, settle, type Service } from './support.ts';

const test = suite('CrearInfluencer over Pulsar');
let s: Service;

test.before(async () => {
  s = await service('influencers_crear');
});
test.after(async () => {
  await s.close();
});

test('a v2 command → InfluencerRegistrado, read-model row and a v2 outbox row with the envelope', async () => {
  const id = randomUUID();
  const command = crearRecord(id, { email: ' Ana.Garcia@Gmail.com ', biografia: '', sitio_web: '' });
  await s.send('eventos-crear-influencer', command);
  await eventually('the read-model row', async () => (await readModel(s.pool, id)) !== undefined);

  const events = await eventsOf(s.pool, id);
  assert.equal(
    events.map((e) => e.type),
    ['InfluencerRegistrado'],
  );
  assert.equal(events[0]?.metadata, { correlationId: command.correlation_id, causationId: command.message_id });

  const row = await readModel(s.pool, id);
  assert.is(row?.['estado'], 'pendiente');
  assert.is(row?.['email'], 'ana.garcia@gmail.com');
  assert.equal(row?.['plataformas'], ['instagram', 'tiktok']);
  assert.is(row?.['biografia'], null, 'optional fields are really optional (D-06)');
  assert.is(row?.['correlation_id'], command.correlation_id);

  const [published, ...more] = (await outbox(s.pool, 'eventos-influencers')).filter((o) => o.key === id);
  assert.is(more.length, 0);
  assert.is(published?.schemaVersion, 2);
  const record = published?.record;
  assert.equal(record?.data, {
    id_influencer: id,
    nombre: 'Ana García',
    email: 'ana.garcia@gmail.com',
    categorias: ['moda', 'belleza'],
    fecha_registro: record?.data?.fecha_registro ?? -1,
  });
  assert.ok(
    (record?.data?.fecha_registro ?? 0) > Date.now() - 60_000,
    'fecha_registro is the handling instant, epoch ms',
  );
  assert.is(record?.message_type, 'InfluencerRegistrado');
  assert.is(record?.correlation_id, command.correlation_id);
  assert.is(record?.causation_id, command.message_id);
  assert.is(record?.producer_service, 'influencers');
  assert.is(record?.occurred_at, record?.data?.fecha_registro);
  assert.match(record?.message_id ?? '', /^[0-9a-f-]{36}$/);
});

test('the same command delivered twice → one influencer, one event, one outbox row', async () => {
  const id = randomUUID();
  const command = crearRecord(id);
  await s.send('eventos-crear-influencer', command);
  await s.send('eventos-crear-influencer', command);
  await s.send('eventos-crear-influencer', { ...crearRecord(id), message_id: randomUUID() });
  await eventually('the read-model row', async () => (await readModel(s.pool, id)) !== undefined);
  await settle();
  assert.is((await eventsOf(s.pool, id)).length, 1);
  assert.is((await outbox(s.pool, 'eventos-influencers')).filter((o) => o.key === id).length, 1);
  assert.is(
    (await outbox(s.pool, 'eventos-influencers-error')).filter((o) => o.key === id).length,
    0,
    'same data again is no error',
  );
});

test('a v1 record of the original tools (no envelope) is processed like a v2 one', async () => {
  const id = randomUUID();
  await s.send('eventos-crear-influencer', crearRecordV1(id), 'v1');
  await eventually('the read-model row', async () => (await readModel(s.pool, id)) !== undefined);
  const correlationId = sagaIds.correlationId(id);
  const [event] = await eventsOf(s.pool, id);
  assert.is(event?.metadata['correlationId'], correlationId, 'correlation id derived from id_influencer');
  assert.match(
    String(event?.metadata['causationId']),
    /^pulsar:persistent:\/\/public\/default\/crear-influencer-.+:\d+:\d+:-?\d+:-?\d+$/,
  );
  assert.equal((await readModel(s.pool, id))?.['plataformas'], [], 'v1 carries no platforms');
  const [published] = (await outbox(s.pool, 'eventos-influencers')).filter((o) => o.key === id);
  assert.is(published?.record.correlation_id, correlationId);
  assert.is(published?.record.data?.id_influencer, id);
});

test('a refused registration (.invalid email domain) → ErrorCreacionInfluencer, nothing registered', async () => {
  const id = randomUUID();
  const command = crearRecord(id, { email: 'ana@example.invalid' });
  await s.send('eventos-crear-influencer', command);
  await eventually('the error event', async () =>
    (await outbox(s.pool, 'eventos-influencers-error')).some((o) => o.key === id),
  );
  const [error] = (await outbox(s.pool, 'eventos-influencers-error')).filter((o) => o.key === id);
  assert.is(error?.record.data?.error_codigo, 'EMAIL_DOMINIO_BLOQUEADO');
  assert.match(error?.record.data?.error ?? '', /dominio/);
  assert.is(error?.record.data?.email, 'ana@example.invalid');
  assert.is(error?.record.message_type, 'ErrorCreacionInfluencer');
  assert.is(error?.record.correlation_id, command.correlation_id);
  assert.is(error?.record.causation_id, command.message_id);
  assert.is(await readModel(s.pool, id), undefined);
  assert.is((await eventsOf(s.pool, id)).length, 0);
  await s.send('eventos-crear-influencer', command);
  await settle();
  assert.is(
    (await outbox(s.pool, 'eventos-influencers-error')).filter((o) => o.key === id).length,
    1,
    'a redelivery changes nothing',
  );
});

test('a raw message with a null id and a blank name is refused with the rule codes, not dropped', async () => {
  const command = { ...crearRecord(randomUUID(), { id: null }), message_id: randomUUID() };
  await s.send('eventos-crear-influencer', command);
  await eventually('the error event', async () =>
    (await outbox(s.pool, 'eventos-influencers-error')).some((o) => o.key === command.message_id),
  );
  const [error] = (await outbox(s.pool, 'eventos-influencers-error')).filter((o) => o.key === command.message_id);
  assert.is(error?.record.data?.error_codigo, 'INFLUENCER_ID_INVALIDO');
});

test.run();

import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crearRecord, eliminarRecord } from './records.ts';
import { eventsOf, eventually, outbox, readModel, service, settle, type Service } from './support.ts';

const test = suite('EliminarInfluencer (compensation) over Pulsar');
let s: Service;

test.before(async () => {
  s = await service('influencers_eliminar');
});
test.after(async () => {
  await s.close();
});

const confirmations = async (id: string) =>
  (await outbox(s.pool, 'eventos-influencers-eliminados')).filter((o) => o.key === id);

async function registered(): Promise<string> {
  const id = randomUUID();
  await s.send('eventos-crear-influencer', crearRecord(id));
  await eventually('the registration', async () => (await readModel(s.pool, id)) !== undefined);
  return id;
}

test('a compensation marks the influencer eliminado and publishes its confirmation', async () => {
  const id = await registered();
  const command = eliminarRecord(id);
  await s.send('comandos-influencers-eliminacion', command);
  await eventually('the confirmation', async () => (await confirmations(id)).length === 1);

  const row = await readModel(s.pool, id);
  assert.is(row?.['estado'], 'eliminado');
  assert.is(row?.['razon_eliminacion'], 'Compensación por error en creación de campaña');
  assert.is(row?.['nombre'], 'Ana García', 'soft delete: the data is kept');
  assert.is(row?.['version'], 2);
  assert.equal(
    (await eventsOf(s.pool, id)).map((e) => e.type),
    ['InfluencerRegistrado', 'InfluencerEliminado'],
  );

  const [confirmation] = await confirmations(id);
  assert.is(confirmation?.record.data?.influencer_id, id);
  assert.is(confirmation?.record.data?.razon, 'Compensación por error en creación de campaña');
  assert.match(confirmation?.record.data?.fecha_eliminacion ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.is(confirmation?.record.message_type, 'InfluencerEliminado');
  assert.is(confirmation?.record.correlation_id, command.correlation_id);
  assert.is(confirmation?.record.causation_id, command.message_id);
  assert.is(confirmation?.record.occurred_at, Date.parse(confirmation?.record.data?.fecha_eliminacion ?? ''));
});

test('the same compensation delivered twice is applied once: one event, one confirmation', async () => {
  const id = await registered();
  const command = eliminarRecord(id);
  await s.send('comandos-influencers-eliminacion', command);
  await s.send('comandos-influencers-eliminacion', command);
  await eventually('the confirmation', async () => (await confirmations(id)).length >= 1);
  await settle();
  assert.is((await eventsOf(s.pool, id)).filter((e) => e.type === 'InfluencerEliminado').length, 1);
  assert.is((await confirmations(id)).length, 1);
});

test('a retried compensation (new message id) on a deleted influencer re-publishes the confirmation from the state', async () => {
  const id = await registered();
  await s.send('comandos-influencers-eliminacion', eliminarRecord(id));
  await eventually('the first confirmation', async () => (await confirmations(id)).length === 1);
  const retry = eliminarRecord(id, randomUUID(), 'otra razón');
  await s.send('comandos-influencers-eliminacion', retry);
  await eventually('the second confirmation', async () => (await confirmations(id)).length === 2);

  const [first, second] = await confirmations(id);
  assert.is((await eventsOf(s.pool, id)).filter((e) => e.type === 'InfluencerEliminado').length, 1, 'no second event');
  assert.equal(second?.record.data, first?.record.data, 'the same facts: first reason and instant');
  assert.is.not(second?.record.message_id, first?.record.message_id);
  assert.is(second?.record.causation_id, retry.message_id);
});

test('a compensation before the creation leaves a tombstone, is confirmed, and the late create is refused', async () => {
  const id = randomUUID();
  await s.send('comandos-influencers-eliminacion', eliminarRecord(id));
  await eventually('the confirmation', async () => (await confirmations(id)).length === 1);
  const row = await readModel(s.pool, id);
  assert.is(row?.['estado'], 'eliminado');
  assert.is(row?.['nombre'], null);

  await s.send('eventos-crear-influencer', crearRecord(id));
  await eventually('the error event', async () =>
    (await outbox(s.pool, 'eventos-influencers-error')).some((o) => o.key === id),
  );
  const [error] = (await outbox(s.pool, 'eventos-influencers-error')).filter((o) => o.key === id);
  assert.is(error?.record.data?.error_codigo, 'INFLUENCER_ELIMINADO');
  assert.equal(
    (await eventsOf(s.pool, id)).map((e) => e.type),
    ['InfluencerEliminado'],
  );
});

test.run();

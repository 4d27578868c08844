import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  getJson,
  ids,
  register,
  registration,
  startE2eSystem,
  transitions,
  waitForEnd,
  type SystemUnderTest,
} from './support/e2e.ts';

const test = suite('saga: whole system (all services, relay, saga, BFF on real PostgreSQL and Pulsar)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('saga_e2e');
});
test.after(async () => {
  await system?.close();
});

const entity = (name: 'influencers' | 'campanas' | 'contratos', path: string) => getJson(`${system.url(name)}/${path}`);

test('happy path: influencer, campaign and contract exist; the saga is completada with the expected log', async () => {
  const body = registration();
  const accepted = await register(system, body);
  assert.is(accepted.status, 202);
  const { saga, campana, contrato } = ids(body.id_influencer);
  assert.is(accepted.json['id_correlacion'], saga);
  const end = await waitForEnd(system, saga);
  assert.is(end.estado, 'completada');
  assert.equal(transitions(end), [
    'SagaIniciada',
    'PasoIniciado:influencer',
    'PasoCompletado:influencer',
    'PasoIniciado:campana',
    'PasoCompletado:campana',
    'PasoIniciado:contrato',
    'PasoCompletado:contrato',
    'SagaCompletada',
  ]);
  assert.equal(
    end.log.filter((r) => r.comando).map((r) => r.comando),
    ['CrearCampana', 'CrearContrato'],
  );
  assert.is((await entity('influencers', `influencers/${body.id_influencer}`)).body['estado'], 'pendiente');
  assert.is((await entity('campanas', `campanas/${campana}`)).body['estado'], 'activa');
  const contract = await entity('contratos', `contratos/${contrato}`);
  assert.is(contract.body['estado'], 'activo');
  assert.is(contract.body['influencer_email'], body.email);
});

test('contract failure (same email twice): campaign then influencer compensated, saga compensada, reverse order in the log', async () => {
  const first = registration();
  await register(system, first);
  assert.is((await waitForEnd(system, ids(first.id_influencer).saga)).estado, 'completada');
  const second = registration({ email: first.email, nombre: 'Ana García (bis)' });
  await register(system, second);
  const { saga, campana } = ids(second.id_influencer);
  const end = await waitForEnd(system, saga);
  assert.is(end.estado, 'compensada');
  assert.is(end.fallo_codigo, 'CONTRATO_ACTIVO_EXISTENTE');
  assert.equal(transitions(end).slice(-6), [
    'PasoFallido:contrato',
    'CompensacionIniciada:campana',
    'PasoCompensado:campana',
    'CompensacionIniciada:influencer',
    'PasoCompensado:influencer',
    'SagaCompensada',
  ]);
  assert.is((await entity('campanas', `campanas/${campana}`)).body['estado'], 'eliminada');
  assert.is((await entity('influencers', `influencers/${second.id_influencer}`)).body['estado'], 'eliminado');
  assert.is(
    (await entity('influencers', `influencers/${first.id_influencer}`)).body['estado'],
    'pendiente',
    'the other saga is untouched (D-01)',
  );
});

test('campaign failure (category outside the catalogue): the influencer is compensated', async () => {
  const body = registration({ categorias: ['astrología'] });
  await register(system, body);
  const end = await waitForEnd(system, ids(body.id_influencer).saga);
  assert.is(end.estado, 'compensada');
  assert.is(end.fallo_codigo, 'CATEGORIA_NO_PERMITIDA');
  assert.equal(transitions(end).slice(-4), [
    'PasoFallido:campana',
    'CompensacionIniciada:influencer',
    'PasoCompensado:influencer',
    'SagaCompensada',
  ]);
  assert.is((await entity('influencers', `influencers/${body.id_influencer}`)).body['estado'], 'eliminado');
  const contracts = await entity('contratos', `contratos?influencer_id=${body.id_influencer}`);
  assert.is(contracts.body['total'], 0);
});

test('influencer failure (blocked email domain): the saga ends compensada with nothing to undo', async () => {
  const body = registration({ email: 'ana@example.invalid' });
  await register(system, body);
  const end = await waitForEnd(system, ids(body.id_influencer).saga);
  assert.is(end.estado, 'compensada');
  assert.is(end.fallo_codigo, 'EMAIL_DOMINIO_BLOQUEADO');
  assert.equal(transitions(end), [
    'SagaIniciada',
    'PasoIniciado:influencer',
    'PasoFallido:influencer',
    'SagaCompensada',
  ]);
  assert.is((await entity('campanas', `campanas?influencer_id=${body.id_influencer}`)).body['total'], 0);
});

test('posting the same registration twice is idempotent: one saga, one of each entity', async () => {
  const body = registration();
  const a = await register(system, body);
  const b = await register(system, body);
  assert.is(a.status, 202);
  assert.is(b.status, 202);
  assert.equal(a.json, b.json);
  const end = await waitForEnd(system, ids(body.id_influencer).saga);
  assert.is(end.estado, 'completada');
  assert.is(transitions(end).filter((t) => t === 'SagaIniciada').length, 1);
  assert.is((await entity('contratos', `contratos?influencer_id=${body.id_influencer}`)).body['total'], 1);
});

test.run();

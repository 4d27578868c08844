import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  getJson,
  getSaga,
  ids,
  register,
  registration,
  startE2eSystem,
  transitions,
  waitForEnd,
  type SystemUnderTest,
} from './support/e2e.ts';

const test = suite('saga deadlines (whole system, 3 s step deadline)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('saga_deadline', { SAGA_STEP_TIMEOUT_MS: '3000' });
});
test.after(async () => {
  await system?.close();
});

const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

test('a stopped service: the saga compensates after the deadline; restarted, its late work is undone; no orphan', async () => {
  await system.stop('campanas', 'SIGKILL');
  const body = registration();
  const { saga, campana } = ids(body.id_influencer);
  await register(system, body);
  await waitUntil('the campaign step to time out', async () =>
    transitions((await getSaga(system, saga)) ?? ({ log: [] } as never)).includes('PasoFallido:campana'),
  );
  const waiting = await getSaga(system, saga);
  assert.is(waiting?.estado, 'compensando', 'waiting for the campaign compensation to be confirmed');
  assert.is(waiting?.fallo_codigo, 'PLAZO_VENCIDO');
  await system.start('campanas');
  const end = await waitForEnd(system, saga, 90_000);
  assert.is(end.estado, 'compensada');
  const log = transitions(end);
  assert.equal(log.slice(-4), [
    'PasoCompensado:campana',
    'CompensacionIniciada:influencer',
    'PasoCompensado:influencer',
    'SagaCompensada',
  ]);
  const late = log.indexOf('PasoCompletado:campana');
  if (late >= 0)
    assert.ok(late < log.indexOf('PasoCompensado:campana'), 'a late success is recorded before its compensation');
  const campaign = await getJson(`${system.url('campanas')}/campanas/${campana}`);
  assert.is(campaign.body['estado'], 'eliminada', 'the campaign created late (or its tombstone) is deleted');
  assert.is(
    (await getJson(`${system.url('influencers')}/influencers/${body.id_influencer}`)).body['estado'],
    'eliminado',
  );
  assert.is(
    (await getJson(`${system.url('contratos')}/contratos?influencer_id=${body.id_influencer}`)).body['total'],
    0,
  );
});

test.run();

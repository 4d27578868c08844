import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sagaIds } from '@alpes/contracts';
import type { DbSnapshot, Row } from '../database.ts';
import { PROCESS_NAMES } from '@alpes/infra';
import { instanceNames } from '@alpes/infra/system';
import { parseFlags } from '../flags.ts';
import { killPlan } from '../killer.ts';
import { checkLedger } from '../ledger.ts';
import { plan, type Outcome } from '../load.ts';
import { createRng } from '../rng.ts';

const test = suite('chaos ledger and plans');

/** Two accepted registrations: #0 completed with its three rows, #1 compensated with tombstones. */
function world() {
  const planned = plan(2, createRng(7));
  const [a, b] = planned.map((p) => ({ ...p, kind: 'ok' as const }));
  if (!a || !b) throw new Error('plan');
  const outcomes: Outcome[] = [a, b].map((p) => ({ planned: p, accepted: true, attempts: 1, refusals: [] }));
  const row = (estado: string, correlationId: string): Row => ({ estado, correlationId });
  const db = {
    sagas: new Map<string, { estado: string; idInfluencer: string; terminadaEn?: number; iniciadaEn?: number }>([
      [a.saga, { estado: 'completada', idInfluencer: a.body.id_influencer }],
      [b.saga, { estado: 'compensada', idInfluencer: b.body.id_influencer }],
    ]),
    influencers: new Map([
      [a.body.id_influencer, row('pendiente', a.saga)],
      [b.body.id_influencer, row('eliminado', b.saga)],
    ]),
    campanas: new Map([
      [sagaIds.campanaId(a.saga), row('activa', a.saga)],
      [sagaIds.campanaId(b.saga), row('eliminada', b.saga)],
    ]),
    contratos: new Map([[sagaIds.contratoId(a.saga), { ...row('activo', a.saga), email: a.body.email }]]),
    duplicateEffects: [] as string[],
    unpublishedOutbox: { influencers: 0, campanas: 0, contratos: 0, saga: 0 } as Record<string, number>,
    compensationCauses: {},
  };
  return { a, b, outcomes, db };
}
const check = (db: DbSnapshot, outcomes: Outcome[]) => checkLedger(db, outcomes);

test('a consistent ledger has no violation', () => {
  const { db, outcomes } = world();
  const ledger = check(db, outcomes);
  assert.equal(ledger.violations, []);
  assert.equal(ledger.sagasByState, { completada: 1, compensada: 1 });
});

test('an alive row of a compensated saga, a missing contract, a stuck saga, duplicates and unpublished rows are violations', () => {
  const { a, b, db, outcomes } = world();
  db.campanas.set(sagaIds.campanaId(b.saga), { estado: 'activa', correlationId: b.saga });
  db.contratos.delete(sagaIds.contratoId(a.saga));
  db.sagas.set('stuck', { estado: 'en_curso', idInfluencer: 'x' });
  db.duplicateEffects.push('influencers.events influencer-1: InfluencerRegistrado@1, InfluencerRegistrado@3');
  db.unpublishedOutbox['saga'] = 3;
  const text = check(db, outcomes).violations.join('\n');
  for (const expected of [
    'alive rows of a saga that is not completada',
    'completed saga without its contratos row',
    'saga not in a terminal state',
    'duplicated business effect',
    'outbox rows never published',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
});

test('an accepted registration without a saga, an injected failure that completed, two contracts per email', () => {
  const { a, b, db, outcomes } = world();
  db.sagas.delete(b.saga);
  const failing: Outcome = { ...(outcomes[0] as Outcome), planned: { ...a, kind: 'campana' } };
  db.contratos.set('other', { estado: 'activo', correlationId: a.saga, email: a.body.email });
  const ledger = check(db, [failing, outcomes[1] as Outcome]);
  const text = ledger.violations.join('\n');
  for (const expected of [
    'accepted registration without a saga',
    'an injected failure ended completada',
    'more than one active contract per email',
    'completed saga with 2 alive contratos',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  assert.ok(ledger.violationCount >= 4);
});

test('the kill plan kills the broker twice, never twice in a row, and every process at least once', () => {
  for (let seed = 1; seed < 50; seed++) {
    const kills = killPlan(20, createRng(seed));
    assert.is(kills.length, 20);
    assert.is(kills.filter((k) => k === 'broker').length, 2);
    assert.ok(!kills.some((k, i) => k === 'broker' && kills[i + 1] === 'broker'));
    for (const target of ['influencers', 'campanas', 'contratos', 'saga', 'bff', 'relay'])
      assert.ok(kills.includes(target as never), target);
  }
});

test('scaled with PostgreSQL faults: 40 kills take PostgreSQL at least 3 times, the broker twice, never two of them in a row, every instance once', () => {
  const instances = instanceNames(PROCESS_NAMES, 2);
  for (let seed = 1; seed < 30; seed++) {
    const kills = killPlan(40, createRng(seed), { instances, postgres: true });
    assert.is(kills.length, 40);
    assert.ok(kills.filter((k) => k === 'postgres').length >= 3);
    assert.is(kills.filter((k) => k === 'broker').length, 2);
    const infra = (k: string | undefined) => k === 'broker' || k === 'postgres';
    assert.ok(!kills.some((k, i) => infra(k) && infra(kills[i + 1])));
    for (const instance of instances) assert.ok(kills.includes(instance), instance);
  }
});

test('flags: --scaled and --faults in any combination; an unknown fault is an error naming it', () => {
  assert.equal(parseFlags([]), { scaled: false, secure: false, faults: new Set(['kill']) });
  assert.is(parseFlags(['--secure']).secure, true);
  const flags = parseFlags(['--scaled', '--faults', 'kill,network,postgres']);
  assert.is(flags.scaled, true);
  assert.equal([...flags.faults].sort(), ['kill', 'network', 'postgres']);
  assert.throws(() => parseFlags(['--faults', 'kill,flood']), /unknown fault flood/);
});

test('a saga that ends later than the bound after the faults, and a held transaction the metric missed, are violations', () => {
  const { db, outcomes } = world();
  const [[id, saga] = []] = db.sagas;
  if (!id || !saga) throw new Error('world');
  db.sagas.set(id, { ...saga, terminadaEn: 10_000 });
  const ledger = checkLedger(db, outcomes, { endedBy: 5_000, held: { heldMs: 20_000, maxHorizonAgeS: 2 } });
  const text = ledger.violations.join('\n');
  assert.match(text, /saga ended later than 3× a step deadline after the faults stopped: 1/);
  assert.match(text, /horizon-age metric did not show a transaction held open/);
  assert.is(
    checkLedger(db, outcomes, { endedBy: 10_000, held: { heldMs: 20_000, maxHorizonAgeS: 19 } }).violationCount,
    0,
  );
});

test('a stream client that missed a transition of a saga started after it connected, or was told to reset, is a violation', () => {
  const { a, db, outcomes } = world();
  const saga = db.sagas.get(a.saga);
  if (!saga) throw new Error('world');
  db.sagas.set(a.saga, { ...saga, iniciadaEn: 50_000 });
  const sagaLog = new Map([[a.saga, ['SagaIniciada', 'PasoCompletado', 'PasoCompletado', 'SagaCompletada']]]);
  const client = (seen: string[], resets = 0) => ({
    bff: 'http://bff',
    since: 10_000,
    transitions: new Map([[a.saga, seen]]),
    reconnects: 2,
    resets,
    connections: [],
  });
  const whole = checkLedger({ ...db, sagaLog }, outcomes, {
    followed: [client(['SagaIniciada', 'PasoCompletado', 'PasoCompletado', 'SagaCompletada'])],
  });
  assert.is(whole.violationCount, 0, whole.violations.join('\n'));
  const missed = checkLedger({ ...db, sagaLog }, outcomes, {
    followed: [client(['SagaIniciada', 'PasoCompletado', 'SagaCompletada'], 1)],
  });
  const text = missed.violations.join('\n');
  assert.match(text, /missed transitions of a saga it followed: 1/);
  assert.match(text, /PasoCompletado/);
  assert.match(text, /told to reset/);
});

test('the same seed plans the same registrations; the mix has every kind', () => {
  assert.equal(plan(50, createRng(3)), plan(50, createRng(3)));
  const kinds = new Set(plan(200, createRng(3)).map((p) => p.kind));
  assert.equal([...kinds].sort(), ['campana', 'email', 'influencer', 'ok']);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold, isDomainError } from '@alpes/eventstore';
import {
  sagaDecider,
  proximoPlazo,
  type SagaCommand,
  type SagaEvent,
  type Politica,
  type Paso,
} from '../src/domain/index.ts';

const politica: Politica = { plazoPasoMs: 1000, compensacion: { baseMs: 500, maxMs: 4000, maxIntentos: 3 } };
const sagaId = 'saga-1';
const idInfluencer = 'inf-1';
const influencer = { id_influencer: idInfluencer, nombre: 'Ana', email: 'ana@x.co', categorias: ['moda'] };
const campana = {
  campana_id: 'c-1',
  nombre: 'Bienvenida',
  categorias_objetivo: ['moda'],
  valor_comision: '100.00',
  moneda: 'USD',
  fecha_inicio: '2026-01-01T00:00:00.000Z',
  fecha_fin: null,
};
const contrato = { contrato_id: 'k-1' };

const base = (at: number) => ({ sagaId, at, politica });
const iniciar = (at = 0): SagaCommand => ({ ...base(at), type: 'IniciarSaga', idInfluencer });
const exito = (paso: Paso, at: number): SagaCommand =>
  ({
    ...base(at),
    type: 'RegistrarExito',
    idInfluencer,
    paso,
    datos: { influencer, campana, contrato }[paso],
  }) as SagaCommand;
const error = (paso: Paso, at: number): SagaCommand => ({
  ...base(at),
  type: 'RegistrarError',
  idInfluencer,
  paso,
  codigo: 'X',
  mensaje: 'falló',
});
const confirmar = (paso: Paso, at: number): SagaCommand => ({ ...base(at), type: 'ConfirmarCompensacion', paso });
const vencer = (at: number): SagaCommand => ({ ...base(at), type: 'VencerPlazo' });

/** Runs commands in order from an empty stream; returns every event and the events of the last command. */
function run(...commands: SagaCommand[]) {
  const history: SagaEvent[] = [];
  let last: SagaEvent[] = [];
  for (const command of commands) {
    last = sagaDecider.decide(command, fold(sagaDecider, history));
    history.push(...last);
  }
  return { history, last, state: fold(sagaDecider, history) };
}

const types = (events: SagaEvent[]) => events.map((e) => ('paso' in e.data ? `${e.type}:${e.data.paso}` : e.type));

const test = suite('saga decider');

test('happy path: influencer → campana → contrato → completada', () => {
  assert.equal(types(run(iniciar()).last), ['SagaIniciada', 'PasoIniciado:influencer']);
  assert.equal(types(run(iniciar(), exito('influencer', 10)).last), [
    'PasoCompletado:influencer',
    'PasoIniciado:campana',
  ]);
  assert.equal(types(run(iniciar(), exito('influencer', 10), exito('campana', 20)).last), [
    'PasoCompletado:campana',
    'PasoIniciado:contrato',
  ]);
  const done = run(iniciar(), exito('influencer', 10), exito('campana', 20), exito('contrato', 30));
  assert.equal(types(done.last), ['PasoCompletado:contrato', 'SagaCompletada']);
  assert.is(done.state.estado, 'completada');
  assert.equal(done.state.campana, campana);
  assert.is(proximoPlazo(done.state), undefined);
});

test('each step gets a deadline from the policy', () => {
  const { state } = run(iniciar(100), exito('influencer', 200));
  assert.is(state.pasos.campana.vence, 1200);
  assert.is(proximoPlazo(state), 1200);
});

test('duplicates change nothing', () => {
  assert.equal(run(iniciar(), iniciar(5)).last, []);
  assert.equal(run(iniciar(), exito('influencer', 10), exito('influencer', 11)).last, []);
  const done = run(iniciar(), exito('influencer', 1), exito('campana', 2), exito('contrato', 3));
  assert.equal(sagaDecider.decide(exito('contrato', 4), done.state), []);
  assert.equal(sagaDecider.decide(error('contrato', 4), done.state), []);
});

test('a success seen before the registration command starts the saga', () => {
  assert.equal(types(run(exito('influencer', 10)).last), [
    'SagaIniciada',
    'PasoIniciado:influencer',
    'PasoCompletado:influencer',
    'PasoIniciado:campana',
  ]);
  assert.equal(run(exito('influencer', 10), iniciar(11)).last, []);
});

test('an outcome of a later step for an unknown saga is refused with SAGA_DESCONOCIDA', () => {
  for (const command of [exito('campana', 1), error('contrato', 1)]) {
    try {
      run(command);
      assert.unreachable('should throw');
    } catch (e) {
      assert.ok(isDomainError(e, 'SAGA_DESCONOCIDA'));
    }
  }
});

test('contract failure compensates campaign, then influencer, each after its confirmation', () => {
  const failing = [iniciar(), exito('influencer', 1), exito('campana', 2), error('contrato', 3)];
  assert.equal(types(run(...failing).last), ['PasoFallido:contrato', 'CompensacionIniciada:campana']);
  assert.equal(types(run(...failing, confirmar('campana', 4)).last), [
    'PasoCompensado:campana',
    'CompensacionIniciada:influencer',
  ]);
  const end = run(...failing, confirmar('campana', 4), confirmar('influencer', 5));
  assert.equal(types(end.last), ['PasoCompensado:influencer', 'SagaCompensada']);
  assert.is(end.state.estado, 'compensada');
  assert.equal(end.state.fallo, { paso: 'contrato', codigo: 'X', mensaje: 'falló', causa: 'error' });
});

test('a confirmation out of turn is ignored', () => {
  const failing = run(iniciar(), exito('influencer', 1), exito('campana', 2), error('contrato', 3));
  assert.equal(sagaDecider.decide(confirmar('influencer', 4), failing.state), []);
});

test('campaign failure compensates the influencer; influencer failure ends compensada at once', () => {
  assert.equal(types(run(iniciar(), exito('influencer', 1), error('campana', 2)).last), [
    'PasoFallido:campana',
    'CompensacionIniciada:influencer',
  ]);
  const influencerFailed = run(iniciar(), error('influencer', 2));
  assert.equal(types(influencerFailed.last), ['PasoFallido:influencer', 'SagaCompensada']);
  assert.is(influencerFailed.state.estado, 'compensada');
});

test('a missed deadline compensates the late step too, then the completed ones in reverse order', () => {
  const started = [iniciar(0), exito('influencer', 10)];
  assert.equal(run(...started, vencer(1009)).last, [], 'not yet due');
  const timedOut = run(...started, vencer(1010));
  assert.equal(types(timedOut.last), ['PasoFallido:campana', 'CompensacionIniciada:campana']);
  assert.is(timedOut.state.fallo?.codigo, 'PLAZO_VENCIDO');
  const end = run(...started, vencer(1010), confirmar('campana', 1100), confirmar('influencer', 1200));
  assert.equal(types(end.last), ['PasoCompensado:influencer', 'SagaCompensada']);
});

test('a success after the deadline is recorded and compensated', () => {
  const late = run(iniciar(0), exito('influencer', 10), vencer(1010), exito('campana', 1020));
  assert.equal(types(late.last), ['PasoCompletado:campana']);
  assert.equal(late.state.campana, campana);
  assert.equal(late.state.porCompensar, ['campana', 'influencer']);
  assert.is(late.state.estado, 'compensando');
  assert.equal(
    run(iniciar(0), exito('influencer', 10), vencer(1010), error('campana', 1020)).last,
    [],
    'a late error adds nothing',
  );
});

test('an unconfirmed compensation is retried with backoff, then the saga fails', () => {
  const failing = [iniciar(0), exito('influencer', 1), error('campana', 2)];
  const first = run(...failing).state;
  assert.is(first.pasos.influencer.vence, 502);
  const second = run(...failing, vencer(502));
  assert.equal(
    second.last.map((e) => e.data),
    [{ at: 502, paso: 'influencer', intento: 2, vence: 1502 }],
  );
  const third = run(...failing, vencer(502), vencer(1502));
  assert.equal(
    third.last.map((e) => e.data),
    [{ at: 1502, paso: 'influencer', intento: 3, vence: 3502 }],
  );
  const failed = run(...failing, vencer(502), vencer(1502), vencer(3502));
  assert.equal(types(failed.last), ['SagaFallida']);
  assert.is(failed.state.estado, 'fallida');
  assert.equal(sagaDecider.decide(vencer(99_999), failed.state), []);
});

test('the backoff is capped', () => {
  const many = { ...politica, compensacion: { baseMs: 1000, maxMs: 1500, maxIntentos: 10 } };
  const cmd = (c: SagaCommand): SagaCommand => ({ ...c, politica: many });
  const { last } = run(
    cmd(iniciar(0)),
    cmd(exito('influencer', 0)),
    cmd(error('campana', 0)),
    cmd(vencer(1000)),
    cmd(vencer(3000)),
  );
  assert.equal(
    last.map((e) => e.data),
    [{ at: 3000, paso: 'influencer', intento: 3, vence: 4500 }],
  );
});

test.run();

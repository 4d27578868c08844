// The command handlers over an in-memory `Decisions`: which streams they decide on, in which order.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold, isDomainError } from '@alpes/eventstore';
import type { Event } from '@alpes/eventstore';
import type { Decisions } from '@alpes/eventstore';
import { crearContrato } from '../src/application/crearContrato.ts';
import { eliminarContrato } from '../src/application/eliminarContrato.ts';
import { crear, EMAIL, eliminar, ID, OTRO } from './fixtures.ts';

/** Streams in memory; like the adapter, a unit of work's events land only when the handler returns. */
function memory() {
  const streams = new Map<string, Event[]>();
  const decided: string[] = [];
  const run = async <R>(handler: (d: Decisions) => Promise<R>): Promise<R> => {
    const staged: [string, Event[]][] = [];
    const decisions: Decisions = {
      async decide(decider, streamId, command) {
        decided.push(streamId);
        const state = fold(decider, (streams.get(streamId) ?? []) as never[]);
        const events = decider.decide(command, state);
        staged.push([streamId, events]);
        return { events, state: events.reduce(decider.evolve, state) };
      },
    };
    const result = await handler(decisions);
    for (const [id, events] of staged) streams.set(id, [...(streams.get(id) ?? []), ...events]);
    return result;
  };
  return { streams, decided, run };
}

const test = suite('application handlers');

test('crearContrato decides the contract first, then reserves the normalised email', async () => {
  const m = memory();
  const result = await m.run((d) => crearContrato(d, crear()));
  assert.equal(m.decided, [`contrato-${ID}`, `contrato_activo-${EMAIL}`]);
  assert.equal(
    result.events.map((e) => e.type),
    ['ContratoCreado'],
  );
  assert.is(result.state.estado, 'activo');
});

test('a redelivered create decides only the contract stream (no events, no reservation)', async () => {
  const m = memory();
  await m.run((d) => crearContrato(d, crear()));
  const again = await m.run((d) => crearContrato(d, crear()));
  assert.equal([again.events.length, m.decided], [0, [`contrato-${ID}`, `contrato_activo-${EMAIL}`, `contrato-${ID}`]]);
});

test('a second contract for the email is refused and nothing of it lands', async () => {
  const m = memory();
  await m.run((d) => crearContrato(d, crear()));
  try {
    await m.run((d) => crearContrato(d, crear({ id_contrato: OTRO })));
    assert.unreachable('refused');
  } catch (error) {
    assert.ok(isDomainError(error, 'CONTRATO_ACTIVO_EXISTENTE'));
  }
  assert.is(m.streams.has(`contrato-${OTRO}`), false);
});

test('eliminarContrato frees the email; a delete of a never-created contract touches no email stream', async () => {
  const m = memory();
  await m.run((d) => crearContrato(d, crear()));
  const result = await m.run((d) => eliminarContrato(d, eliminar()));
  assert.equal(
    m.streams.get(`contrato_activo-${EMAIL}`)?.map((e) => e.type),
    ['ContratoActivoAsignado', 'ContratoActivoLiberado'],
  );
  assert.is(result.state.estado, 'eliminado');
  const tombstone = memory();
  await tombstone.run((d) => eliminarContrato(d, eliminar({ contrato_id: OTRO })));
  assert.equal(tombstone.decided, [`contrato-${OTRO}`]);
});

test.run();

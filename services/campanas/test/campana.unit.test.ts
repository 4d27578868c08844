import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { campanaDecider } from '../src/domain/index.ts';
import { activada, crear, creada, eliminada, eliminar } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(campanaDecider);
/** What PostgreSQL's jsonb does to key order, made visible: every object's keys reversed. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

const borrador = { ...creada, data: { ...creada.data, auto_activar: false } };

const creating = suite('CrearCampana');

creating('creates the welcome campaign under the saga-chosen id, normalised, and auto-activates it (D-18)', () => {
  given().when(crear()).then([creada, activada]);
  const state = given().when(crear()).state();
  assert.equal(state, { estado: 'activa', campana: creada.data, fecha_activacion: '2025-09-20T03:21:46.000Z' });
});

creating('without auto_activar (false, null or absent) the campaign stays borrador', () => {
  for (const auto_activar of [false, null, undefined]) {
    given().when(crear({ auto_activar })).then([borrador]);
  }
  assert.is(
    given()
      .when(crear({ auto_activar: false }))
      .state().estado,
    'borrador',
  );
});

creating('the same command again (redelivery, other instant) is idempotent: no new event', () => {
  given(creada, activada)
    .when(crear({ fecha_creacion: '2025-09-20T04:00:00Z' }))
    .then([]);
  given(borrador)
    .when(crear({ auto_activar: false }))
    .then([]);
  given(creada, activada)
    .when(crear({ valor_comision: '100.00', moneda: 'USD', categorias_objetivo: ['moda', 'belleza', 'moda'] }))
    .then([]);
});

creating('idempotency survives a JSONB round trip that reorders keys', () => {
  const reordered = reversedKeys(creada) as typeof creada;
  assert.not.equal(Object.keys(reordered.data), Object.keys(creada.data));
  given(reordered, activada).when(crear()).then([]);
});

creating('the same id with other data is refused: CAMPANA_YA_EXISTE', () => {
  given(creada, activada)
    .when(crear({ valor_comision: '10.00' }))
    .thenFails('CAMPANA_YA_EXISTE');
  given(creada, activada)
    .when(crear({ auto_activar: false }))
    .thenFails('CAMPANA_YA_EXISTE');
  given(creada, activada)
    .when(crear({ paises_permitidos: [] }))
    .thenFails('CAMPANA_YA_EXISTE');
});

creating('a deleted campaign, or a tombstone, refuses a late create: CAMPANA_ELIMINADA', () => {
  given(creada, activada, eliminada(true)).when(crear()).thenFails('CAMPANA_ELIMINADA');
  given(eliminada(false)).when(crear()).thenFails('CAMPANA_ELIMINADA');
  given(eliminada(false))
    .when(crear({ tipo_comision: 'nope' }))
    .thenFails('CAMPANA_ELIMINADA');
});

const deleting = suite('EliminarCampana (compensation)');

deleting('marks an existing campaign deleted through an event (soft delete, data kept)', () => {
  given(creada, activada)
    .when(eliminar())
    .then([eliminada(true)]);
  assert.equal(given(creada, activada).when(eliminar()).state(), {
    estado: 'eliminada',
    campana: creada.data,
    razon: eliminada(true).data.razon,
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
  });
  given(borrador)
    .when(eliminar())
    .then([eliminada(true)]);
});

deleting('deleting twice is idempotent: no new event, no error', () => {
  given(creada, activada, eliminada(true)).when(eliminar()).then([]);
  given(eliminada(false))
    .when(eliminar({ razon: 'otra' }))
    .then([]);
});

deleting('deleting a never-created campaign confirms anyway and leaves a tombstone (existia: false)', () => {
  given()
    .when(eliminar())
    .then([eliminada(false)]);
  assert.equal(given().when(eliminar()).state(), {
    estado: 'eliminada',
    campana: null,
    razon: eliminada(false).data.razon,
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
  });
});

deleting('influencer_id: from the command, else the campaign origin, else null — never the text None (D-32)', () => {
  given(creada)
    .when(eliminar({ influencer_id: null }))
    .then([eliminada(true)]);
  given()
    .when(eliminar({ influencer_id: '' }))
    .then([{ ...eliminada(false), data: { ...eliminada(false).data, influencer_id: null } }]);
});

deleting('a blank or absent reason gets the original default text', () => {
  for (const razon of [undefined, null, ' ']) {
    given(creada)
      .when(eliminar({ razon }))
      .then([{ ...eliminada(true), data: { ...eliminada(true).data, razon: 'Compensación por falla en saga' } }]);
  }
});

deleting('a blank id or an unparseable instant is refused', () => {
  given(creada)
    .when(eliminar({ campana_id: ' ' }))
    .thenFails('CAMPANA_ID_INVALIDO');
  given(creada)
    .when(eliminar({ fecha_eliminacion: 'mañana' }))
    .thenFails('FECHA_INVALIDA');
});

creating.run();
deleting.run();

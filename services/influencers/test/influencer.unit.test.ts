import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { influencerDecider } from '../src/domain/index.ts';
import type { CrearInfluencer } from '../src/domain/index.ts';
import { crear, eliminado, eliminar, ID, registrado, T0 } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(influencerDecider);
const creating = suite('CrearInfluencer');

creating('registers a new influencer under the client id, normalised (trim, lower-case, dedup, phone digits)', () => {
  given().when(crear()).then([registrado]);
});

creating('the registered influencer is pendiente, as in the original', () => {
  const state = given().when(crear()).state();
  assert.equal(state, { estado: 'pendiente', influencer: registrado.data });
});

creating('optional fields are really optional: absent, null or blank → null (D-06)', () => {
  const minimal: CrearInfluencer = {
    type: 'CrearInfluencer',
    data: {
      id_influencer: ID,
      nombre: 'Ana García',
      email: 'ana.garcia@gmail.com',
      categorias: ['moda', 'belleza'],
      fecha_registro: T0,
    },
  };
  const expected = { ...registrado.data, descripcion: null, biografia: null, sitio_web: null, telefono: null };
  given()
    .when(minimal)
    .then([{ type: 'InfluencerRegistrado', data: expected }]);
  given()
    .when(crear({ descripcion: null, biografia: '   ', sitio_web: '', telefono: null }))
    .then([{ type: 'InfluencerRegistrado', data: expected }]);
});

creating('the same registration again (redelivery, other instant) is idempotent: no new event', () => {
  given(registrado)
    .when(crear({ fecha_registro: T0 + 5_000 }))
    .then([]);
  given(registrado)
    .when(crear({ nombre: 'Ana García', email: 'ana.garcia@gmail.com', categorias: ['moda', 'belleza'] }))
    .then([]);
});

creating('the same id with other data is refused: INFLUENCER_YA_EXISTE', () => {
  given(registrado)
    .when(crear({ plataformas: ['instagram'] }))
    .thenFails('INFLUENCER_YA_EXISTE');
  given(registrado)
    .when(crear({ nombre: 'Otra Persona' }))
    .thenFails('INFLUENCER_YA_EXISTE');
  given(registrado)
    .when(crear({ categorias: ['moda'] }))
    .thenFails('INFLUENCER_YA_EXISTE');
  given(registrado)
    .when(crear({ telefono: null }))
    .thenFails('INFLUENCER_YA_EXISTE');
});

creating('a different id may reuse an email: emails are not unique (as in the original, §6.1)', () => {
  given()
    .when(crear({ id_influencer: 'otro-id' }))
    .then([{ type: 'InfluencerRegistrado', data: { ...registrado.data, id_influencer: 'otro-id' } }]);
});

creating('a deleted influencer cannot be created again: INFLUENCER_ELIMINADO', () => {
  given(registrado, eliminado(true)).when(crear()).thenFails('INFLUENCER_ELIMINADO');
});

creating('a late create after a tombstone is refused: INFLUENCER_ELIMINADO, even with invalid data', () => {
  given(eliminado(false)).when(crear()).thenFails('INFLUENCER_ELIMINADO');
  given(eliminado(false))
    .when(crear({ email: 'not-an-email' }))
    .thenFails('INFLUENCER_ELIMINADO');
});

const deleting = suite('EliminarInfluencer (compensation)');

deleting('deletes an existing influencer through an event, keeping its data (soft delete)', () => {
  given(registrado)
    .when(eliminar())
    .then([eliminado(true)]);
  const state = given(registrado).when(eliminar()).state();
  assert.equal(state, {
    estado: 'eliminado',
    influencer: registrado.data,
    razon: eliminado(true).data.razon,
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
  });
});

deleting('deleting twice is idempotent: no new event, no error', () => {
  given(registrado, eliminado(true)).when(eliminar()).then([]);
  given(eliminado(false))
    .when(eliminar({ razon: 'otra' }))
    .then([]);
});

deleting('deleting a never-created influencer confirms anyway and leaves a tombstone (existia: false)', () => {
  given()
    .when(eliminar())
    .then([eliminado(false)]);
  assert.equal(given().when(eliminar()).state(), {
    estado: 'eliminado',
    influencer: null,
    razon: eliminado(false).data.razon,
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
  });
});

deleting('a blank or absent reason gets the original default text', () => {
  for (const razon of [undefined, null, '  ']) {
    given(registrado)
      .when(eliminar({ razon }))
      .then([
        { type: 'InfluencerEliminado', data: { ...eliminado(true).data, razon: 'Compensación por falla en saga' } },
      ]);
  }
});

deleting('fecha_eliminacion is normalised to ISO-8601 UTC; offsets are applied', () => {
  const [event] = influencerDecider.decide(eliminar({ fecha_eliminacion: '2025-09-20 05:22:00+02:00' }), {
    estado: 'inexistente',
  });
  assert.is(
    event?.type === 'InfluencerEliminado' ? event.data.fecha_eliminacion : undefined,
    '2025-09-20T03:22:00.000Z',
  );
});

deleting('an unparseable instant or a blank id is refused (FECHA_INVALIDA, INFLUENCER_ID_INVALIDO)', () => {
  given(registrado)
    .when(eliminar({ fecha_eliminacion: 'ayer' }))
    .thenFails('FECHA_INVALIDA');
  given(registrado)
    .when(eliminar({ fecha_eliminacion: '2025-02-30T00:00:00Z' }))
    .thenFails('FECHA_INVALIDA');
  given(registrado)
    .when(eliminar({ influencer_id: ' ' }))
    .thenFails('INFLUENCER_ID_INVALIDO');
});

creating.run();
deleting.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contratoDecider } from '../src/domain/index.ts';
import { crear, creado, eliminado, eliminar, finalizar, ID } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(contratoDecider);
const finalizado = {
  type: 'ContratoFinalizado' as const,
  data: {
    id_contrato: ID,
    influencer_email: creado.data.influencer_email,
    fecha_finalizacion: '2025-12-31T00:00:00.000Z',
  },
};

const creating = suite('CrearContrato');

creating('creates the contract under the saga-chosen id, normalised, exact money, and activo (D-13)', () => {
  given().when(crear()).then([creado]);
  assert.equal(given().when(crear()).state(), { estado: 'activo', contrato: creado.data });
});

creating('the same command again (redelivery, other instant) is idempotent, also once finalizado', () => {
  given(creado)
    .when(crear({ fecha_creacion: '2025-09-21T00:00:00Z' }))
    .then([]);
  given(creado)
    .when(crear({ monto_base: '100', influencer_email: 'ana.garcia@gmail.com', categorias: ['moda', 'belleza'] }))
    .then([]);
  given(creado, finalizado).when(crear()).then([]);
});

creating('the same id with other data is refused: CONTRATO_YA_EXISTE', () => {
  given(creado)
    .when(crear({ monto_base: '200.00' }))
    .thenFails('CONTRATO_YA_EXISTE');
  given(creado)
    .when(crear({ campana_id: 'otra' }))
    .thenFails('CONTRATO_YA_EXISTE');
  given(creado, finalizado)
    .when(crear({ tipo_contrato: 'exclusivo' }))
    .thenFails('CONTRATO_YA_EXISTE');
});

creating('a deleted contract, or a tombstone, refuses a late create: CONTRATO_ELIMINADO', () => {
  given(creado, eliminado(true)).when(crear()).thenFails('CONTRATO_ELIMINADO');
  given(eliminado(false)).when(crear()).thenFails('CONTRATO_ELIMINADO');
  given(eliminado(false))
    .when(crear({ monto_base: '-1' }))
    .thenFails('CONTRATO_ELIMINADO');
});

const ending = suite('FinalizarContrato');

ending('ends an active contract (it stops holding the email); twice is idempotent', () => {
  given(creado).when(finalizar()).then([finalizado]);
  assert.equal(given(creado).when(finalizar()).state(), {
    estado: 'finalizado',
    contrato: creado.data,
    fecha_finalizacion: '2025-12-31T00:00:00.000Z',
  });
  given(creado, finalizado).when(finalizar('2026-01-01')).then([]);
});

ending(
  'a missing or deleted contract cannot end: CONTRATO_NO_EXISTE, CONTRATO_ELIMINADO; the instant must parse',
  () => {
    given().when(finalizar()).thenFails('CONTRATO_NO_EXISTE');
    given(creado, eliminado(true)).when(finalizar()).thenFails('CONTRATO_ELIMINADO');
    given(eliminado(false)).when(finalizar()).thenFails('CONTRATO_ELIMINADO');
    given(creado).when(finalizar('fin de año')).thenFails('FECHA_INVALIDA');
  },
);

const deleting = suite('EliminarContrato (compensation)');

deleting('marks an active or ended contract deleted through an event, naming its email for the registry', () => {
  given(creado)
    .when(eliminar())
    .then([eliminado(true)]);
  given(creado, finalizado)
    .when(eliminar())
    .then([eliminado(true)]);
  assert.equal(given(creado).when(eliminar()).state(), {
    estado: 'eliminado',
    contrato: creado.data,
    razon: 'Saga compensada',
    fecha_eliminacion: '2025-09-20T03:23:00.000Z',
  });
});

deleting('deleting twice is idempotent: no new event, no error', () => {
  given(creado, eliminado(true)).when(eliminar()).then([]);
  given(eliminado(false))
    .when(eliminar({ razon: 'otra' }))
    .then([]);
});

deleting('deleting a never-created contract confirms anyway and leaves a tombstone (existia: false, no email)', () => {
  given()
    .when(eliminar())
    .then([eliminado(false)]);
  assert.equal(given().when(eliminar()).state(), {
    estado: 'eliminado',
    contrato: null,
    razon: 'Saga compensada',
    fecha_eliminacion: '2025-09-20T03:23:00.000Z',
  });
});

deleting('campana_id / influencer_id: from the command, else from the contract, else null; default reason', () => {
  given(creado)
    .when(eliminar({ campana_id: null, influencer_id: ' ' }))
    .then([eliminado(true)]);
  const sinIds = {
    ...eliminado(false).data,
    campana_id: null,
    influencer_id: null,
    razon: 'Compensación por falla en saga',
  };
  given()
    .when(eliminar({ campana_id: null, influencer_id: null, razon: null }))
    .then([{ type: 'ContratoEliminado', data: sinIds }]);
});

deleting('a blank id or an unparseable instant is refused', () => {
  given(creado)
    .when(eliminar({ contrato_id: '' }))
    .thenFails('CONTRATO_ID_INVALIDO');
  given(creado)
    .when(eliminar({ fecha_eliminacion: '' }))
    .thenFails('FECHA_INVALIDA');
});

creating.run();
ending.run();
deleting.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contratoActivoDecider, streamContratoActivo } from '../src/domain/index.ts';
import { asignado, EMAIL, ID, liberado, liberar, OTRO, reservar } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(contratoActivoDecider);

const registry = suite('one active contract per influencer email');

registry('a free email is assigned to the contract', () => {
  given()
    .when(reservar(ID))
    .then([asignado(ID)]);
  assert.equal(given().when(reservar(ID)).state(), { estado: 'ocupado', id_contrato: ID, fecha_fin: null });
});

registry('the email is normalised like the contract stores it; the stream is per normalised email', () => {
  given()
    .when(reservar(ID, { influencer_email: ' ANA.Garcia@gmail.com' }))
    .then([asignado(ID)]);
  assert.is(streamContratoActivo(' Ana.Garcia@Gmail.com '), `contrato_activo-${EMAIL}`);
});

registry('a second contract for the same email while the first is active fails: CONTRATO_ACTIVO_EXISTENTE', () => {
  given(asignado(ID)).when(reservar(OTRO)).thenFails('CONTRATO_ACTIVO_EXISTENTE');
  given(asignado(ID, '2026-01-01T00:00:00Z'))
    .when(reservar(OTRO, { fecha: '2025-12-31T23:59:59Z' }))
    .thenFails('CONTRATO_ACTIVO_EXISTENTE');
  try {
    contratoActivoDecider.decide(reservar(OTRO), { estado: 'ocupado', id_contrato: ID, fecha_fin: null });
    assert.unreachable('should fail');
  } catch (error) {
    assert.equal((error as { details?: unknown }).details, { influencer_email: EMAIL, id_contrato_activo: ID });
  }
});

registry('the same contract again (redelivery) is idempotent', () => {
  given(asignado(ID)).when(reservar(ID)).then([]);
});

registry(
  'not a unique constraint forever (D-13): once the holder is deleted or ends, a new contract is allowed',
  () => {
    given(asignado(ID), liberado(ID, 'eliminado'))
      .when(reservar(OTRO))
      .then([asignado(OTRO)]);
    given(asignado(ID), liberado(ID, 'finalizado'))
      .when(reservar(OTRO))
      .then([asignado(OTRO)]);
  },
);

registry('a holder past its fecha_fin has ended: it is released as vencido and the new contract assigned', () => {
  const ahora = '2026-01-01T00:00:00Z';
  given(asignado(ID, '2026-01-01T00:00:00.000Z'))
    .when(reservar(OTRO, { fecha: ahora }))
    .then([liberado(ID, 'vencido', '2026-01-01T00:00:00.000Z'), asignado(OTRO, null, '2026-01-01T00:00:00.000Z')]);
});

registry('fecha_fin of the reservation is normalised; an invalid one or an invalid instant is refused', () => {
  given()
    .when(reservar(ID, { fecha_fin: '2026-01-01 00:00:00' }))
    .then([asignado(ID, '2026-01-01T00:00:00.000Z')]);
  given()
    .when(reservar(ID, { fecha_fin: 'nunca' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(reservar(ID, { fecha: '' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(reservar(ID, { influencer_email: 'ana' }))
    .thenFails('EMAIL_INVALIDO');
  given().when(reservar(' ')).thenFails('CONTRATO_ID_INVALIDO');
});

const release = suite('LiberarContratoActivo');

release('the holder frees the email', () => {
  given(asignado(ID))
    .when(liberar(ID))
    .then([liberado(ID)]);
  given(asignado(ID))
    .when(liberar(ID, 'finalizado'))
    .then([liberado(ID, 'finalizado')]);
  assert.equal(given(asignado(ID)).when(liberar(ID)).state(), { estado: 'libre' });
});

release('idempotent: freeing a free email, or one another contract holds, changes nothing', () => {
  given().when(liberar(ID)).then([]);
  given(asignado(ID), liberado(ID)).when(liberar(ID)).then([]);
  given(asignado(OTRO)).when(liberar(ID)).then([]);
});

release('a stale release event does not free the current holder (evolve)', () => {
  assert.equal(
    given(asignado(ID), liberado(ID, 'vencido'), asignado(OTRO), liberado(ID)).when(reservar(OTRO)).state(),
    { estado: 'ocupado', id_contrato: OTRO, fecha_fin: null },
  );
});

registry.run();
release.run();

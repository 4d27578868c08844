import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contratoActivoDecider, contratoDecider, contratoErrorCodes, tiposContrato } from '../src/domain/index.ts';
import type { ContratoCreadoData, ContratoErrorCode, CrearContrato } from '../src/domain/index.ts';
import { asignado, crear, creado, eliminado, finalizar, ID, OTRO, reservar } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(contratoDecider);
const registry = givenWhenThen(contratoActivoDecider);

function created(overrides: Partial<CrearContrato['data']>): ContratoCreadoData {
  const [event] = contratoDecider.decide(crear(overrides), contratoDecider.initialState());
  assert.ok(event?.type === 'ContratoCreado');
  return event.data;
}

const rules = suite('contract business rules');

rules('ids: contract, influencer and campaign ids are required', () => {
  given()
    .when(crear({ id_contrato: ' ' }))
    .thenFails('CONTRATO_ID_INVALIDO');
  given()
    .when(crear({ influencer_id: '' }))
    .thenFails('INFLUENCER_ID_INVALIDO');
  given()
    .when(crear({ campana_id: '' }))
    .thenFails('CAMPANA_ID_INVALIDO');
  given()
    .when(crear({ campana_id: 'c'.repeat(256) }))
    .thenFails('CAMPANA_ID_INVALIDO');
});

rules('texts: influencer_nombre, campana_nombre (255) and descripcion (5000) non-blank; entregables optional', () => {
  assert.is(created({ influencer_nombre: ' Ana ' }).influencer_nombre, 'Ana');
  given()
    .when(crear({ influencer_nombre: ' ' }))
    .thenFails('INFLUENCER_NOMBRE_INVALIDO');
  given()
    .when(crear({ campana_nombre: 'n'.repeat(256) }))
    .thenFails('CAMPANA_NOMBRE_INVALIDO');
  given()
    .when(crear({ descripcion: '' }))
    .thenFails('DESCRIPCION_INVALIDA');
  assert.is(created({ entregables: '  ' }).entregables, null);
  assert.is(created({ entregables: null }).entregables, null);
  given()
    .when(crear({ entregables: 'e'.repeat(5001) }))
    .thenFails('ENTREGABLES_INVALIDOS');
});

rules('influencer_email: syntactically valid, lower-cased and trimmed', () => {
  assert.is(created({ influencer_email: ' X.Y@Hotmail.COM' }).influencer_email, 'x.y@hotmail.com');
  for (const influencer_email of ['', 'ana', 'ana@gmail', 'a b@c.com'])
    given().when(crear({ influencer_email })).thenFails('EMAIL_INVALIDO');
});

rules('categorias: non-empty, trimmed, lower-cased, deduplicated', () => {
  assert.equal(created({ categorias: ['Moda', ' VIAJES', 'moda'] }).categorias, ['moda', 'viajes']);
  for (const categorias of [[], ['  '], ['x'.repeat(51)]])
    given().when(crear({ categorias })).thenFails('CATEGORIAS_INVALIDAS');
});

rules('monto_base: exact decimal > 0 → monto_total with two decimals; moneda three letters', () => {
  assert.is(created({ monto_base: '2500.5' }).monto_total, '2500.50');
  assert.is(created({ monto_base: '0.10' }).monto_total, '0.10');
  for (const monto_base of ['0', '-100', '1.005', '1e2', 'cien'])
    given().when(crear({ monto_base })).thenFails('MONTO_INVALIDO');
  assert.is(created({ moneda: 'cop' }).moneda, 'COP');
  given()
    .when(crear({ moneda: 'PESOS' }))
    .thenFails('MONEDA_INVALIDA');
});

rules('dates: fecha_inicio required ISO-8601, fecha_fin optional and after it, fecha_creacion required', () => {
  const data = created({ fecha_inicio: '2024-06-01T00:00:00', fecha_fin: '2024-08-31T23:59:59' });
  assert.equal([data.fecha_inicio, data.fecha_fin], ['2024-06-01T00:00:00.000Z', '2024-08-31T23:59:59.000Z']);
  given()
    .when(crear({ fecha_inicio: '' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(crear({ fecha_fin: '31/08/2024' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(crear({ fecha_creacion: 'ahora' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(crear({ fecha_inicio: '2024-06-01', fecha_fin: '2024-06-01' }))
    .thenFails('FECHA_FIN_NO_POSTERIOR');
});

rules('tipo_contrato: the four types (case-blind); unknown or absent → puntual, as the original', () => {
  assert.equal(tiposContrato, ['puntual', 'temporal', 'exclusivo', 'colaboracion']);
  for (const tipo of tiposContrato) assert.is(created({ tipo_contrato: tipo.toUpperCase() }).tipo_contrato, tipo);
  for (const tipo_contrato of ['anual', '', null, undefined])
    assert.is(created({ tipo_contrato }).tipo_contrato, 'puntual');
});

const codes = suite('error codes');

codes('every code of the closed union has a trigger (the Record type makes this exhaustive)', () => {
  const triggers: Record<ContratoErrorCode, () => void> = {
    CONTRATO_ID_INVALIDO: () =>
      given()
        .when(crear({ id_contrato: '' }))
        .thenFails('CONTRATO_ID_INVALIDO'),
    INFLUENCER_ID_INVALIDO: () =>
      given()
        .when(crear({ influencer_id: '' }))
        .thenFails('INFLUENCER_ID_INVALIDO'),
    CAMPANA_ID_INVALIDO: () =>
      given()
        .when(crear({ campana_id: '' }))
        .thenFails('CAMPANA_ID_INVALIDO'),
    INFLUENCER_NOMBRE_INVALIDO: () =>
      given()
        .when(crear({ influencer_nombre: '' }))
        .thenFails('INFLUENCER_NOMBRE_INVALIDO'),
    CAMPANA_NOMBRE_INVALIDO: () =>
      given()
        .when(crear({ campana_nombre: '' }))
        .thenFails('CAMPANA_NOMBRE_INVALIDO'),
    DESCRIPCION_INVALIDA: () =>
      given()
        .when(crear({ descripcion: '' }))
        .thenFails('DESCRIPCION_INVALIDA'),
    ENTREGABLES_INVALIDOS: () =>
      given()
        .when(crear({ entregables: 'e'.repeat(5001) }))
        .thenFails('ENTREGABLES_INVALIDOS'),
    EMAIL_INVALIDO: () =>
      given()
        .when(crear({ influencer_email: 'ana' }))
        .thenFails('EMAIL_INVALIDO'),
    CATEGORIAS_INVALIDAS: () =>
      given()
        .when(crear({ categorias: [] }))
        .thenFails('CATEGORIAS_INVALIDAS'),
    MONTO_INVALIDO: () =>
      given()
        .when(crear({ monto_base: '0' }))
        .thenFails('MONTO_INVALIDO'),
    MONEDA_INVALIDA: () =>
      given()
        .when(crear({ moneda: '' }))
        .thenFails('MONEDA_INVALIDA'),
    FECHA_INVALIDA: () =>
      given()
        .when(crear({ fecha_inicio: 'x' }))
        .thenFails('FECHA_INVALIDA'),
    FECHA_FIN_NO_POSTERIOR: () =>
      given()
        .when(crear({ fecha_fin: '2000-01-01' }))
        .thenFails('FECHA_FIN_NO_POSTERIOR'),
    CONTRATO_YA_EXISTE: () =>
      given(creado)
        .when(crear({ monto_base: '1.00' }))
        .thenFails('CONTRATO_YA_EXISTE'),
    CONTRATO_ELIMINADO: () => given(eliminado(false)).when(crear()).thenFails('CONTRATO_ELIMINADO'),
    CONTRATO_NO_EXISTE: () => given().when(finalizar()).thenFails('CONTRATO_NO_EXISTE'),
    CONTRATO_ACTIVO_EXISTENTE: () => registry(asignado(ID)).when(reservar(OTRO)).thenFails('CONTRATO_ACTIVO_EXISTENTE'),
  };
  assert.equal(Object.keys(triggers).sort(), [...contratoErrorCodes].sort());
  for (const trigger of Object.values(triggers)) trigger();
});

rules.run();
codes.run();

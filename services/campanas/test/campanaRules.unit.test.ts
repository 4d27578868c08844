import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { campanaDecider, campanaErrorCodes, catalogoCategorias } from '../src/domain/index.ts';
import type { CampanaCreadaData, CampanaErrorCode, CrearCampana } from '../src/domain/index.ts';
import { activada, crear, creada, eliminada } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(campanaDecider);

function created(overrides: Partial<CrearCampana['data']>): CampanaCreadaData {
  const [event] = campanaDecider.decide(crear(overrides), campanaDecider.initialState());
  assert.ok(event?.type === 'CampanaCreada');
  return event.data;
}

const rules = suite('campaign business rules');

rules('tipo_comision: exactly cpa, cpl or cpc (CPA and TipoComision.CPA refused, D-17)', () => {
  for (const tipo of ['cpa', 'cpl', 'cpc', ' cpc '])
    assert.is(created({ tipo_comision: tipo }).tipo_comision, tipo.trim());
  for (const tipo_comision of ['CPA', 'TipoComision.CPA', 'cpm', ''])
    given().when(crear({ tipo_comision })).thenFails('TIPO_COMISION_INVALIDO');
});

rules('valor_comision: exact decimal > 0, normalised to two decimals, never a float', () => {
  const cases: [string, string][] = [
    ['100', '100.00'],
    ['100.0', '100.00'],
    ['0.5', '0.50'],
    ['2500.75', '2500.75'],
    ['0.01', '0.01'],
    ['1.2300', '1.23'],
    ['999999999999.99', '999999999999.99'],
  ];
  for (const [given_, expected] of cases) assert.is(created({ valor_comision: given_ }).valor_comision, expected);
  const bad = ['0', '0.00', '-5', '1e3', '1,5', '01.5', '1.234', '.5', '5.', 'abc', '', '1000000000000'];
  for (const valor_comision of bad) given().when(crear({ valor_comision })).thenFails('VALOR_COMISION_INVALIDO');
});

rules('moneda: three letters, upper-cased', () => {
  assert.is(created({ moneda: ' eur ' }).moneda, 'EUR');
  for (const moneda of ['US', 'USDT', 'U$D', '']) given().when(crear({ moneda })).thenFails('MONEDA_INVALIDA');
});

rules('nombre and descripcion: trimmed, non-blank, bounded (255 / 5000)', () => {
  assert.is(created({ nombre: `  Campaña de bienvenida para ${'a'.repeat(200)}` }).nombre.length, 227);
  for (const nombre of ['', '  ', 'n'.repeat(256)]) given().when(crear({ nombre })).thenFails('NOMBRE_INVALIDO');
  for (const descripcion of ['', '\n', 'd'.repeat(5001)])
    given().when(crear({ descripcion })).thenFails('DESCRIPCION_INVALIDA');
});

rules('dates: ISO-8601 (T or space, naive = UTC, offsets applied); fecha_fin optional and after fecha_inicio', () => {
  assert.equal(created({ fecha_inicio: '2024-06-01 00:00:00', fecha_fin: '2024-08-31T23:59:59-05:00' }), {
    ...created({}),
    fecha_inicio: '2024-06-01T00:00:00.000Z',
    fecha_fin: '2024-09-01T04:59:59.000Z',
  });
  assert.is(created({ fecha_fin: '  ' }).fecha_fin, null);
  assert.is(created({ fecha_inicio: '2024-06-01', fecha_fin: '2024-06-02' }).fecha_fin, '2024-06-02T00:00:00.000Z');
  for (const fecha_inicio of ['', '2024-13-01', '2024-02-30T00:00:00', '01/06/2024', '2024-06-01T25:00']) {
    given().when(crear({ fecha_inicio })).thenFails('FECHA_INVALIDA');
  }
  given()
    .when(crear({ fecha_fin: 'pronto' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(crear({ fecha_creacion: '' }))
    .thenFails('FECHA_INVALIDA');
  given()
    .when(crear({ fecha_inicio: '2024-06-01T00:00:00Z', fecha_fin: '2024-06-01T00:00:00Z' }))
    .thenFails('FECHA_FIN_NO_POSTERIOR');
  given()
    .when(crear({ fecha_inicio: '2024-06-02', fecha_fin: '2024-06-01' }))
    .thenFails('FECHA_FIN_NO_POSTERIOR');
});

rules(
  'categorias_objetivo: non-empty, within the catalogue (accent- and case-blind), catalogue spelling, dedup',
  () => {
    assert.is(catalogoCategorias.length, 15);
    assert.equal(
      created({ categorias_objetivo: ['Tecnologia', ' MÚSICA ', 'tecnología', 'general'] }).categorias_objetivo,
      ['tecnología', 'música', 'general'],
    );
    assert.equal(created({ categorias_objetivo: [...catalogoCategorias] }).categorias_objetivo, [
      ...catalogoCategorias,
    ]);
    for (const categorias_objetivo of [[], [''], ['moda', ' ']])
      given().when(crear({ categorias_objetivo })).thenFails('CATEGORIAS_INVALIDAS');
    for (const categorias_objetivo of [['cocina-vegana'], ['moda', 'criptomonedas']]) {
      given().when(crear({ categorias_objetivo })).thenFails('CATEGORIA_NO_PERMITIDA');
    }
  },
);

rules('CATEGORIA_NO_PERMITIDA names every offending category; categoria_origen is checked too', () => {
  try {
    campanaDecider.decide(
      crear({ categorias_objetivo: ['moda', 'cripto', 'apuestas'] }),
      campanaDecider.initialState(),
    );
    assert.unreachable('should fail');
  } catch (error) {
    assert.equal((error as { details?: unknown }).details, { categorias: ['cripto', 'apuestas'] });
  }
  assert.is(created({ categoria_origen: null }).categoria_origen, null);
  assert.is(created({ categoria_origen: 'Viajes' }).categoria_origen, 'viajes');
  given()
    .when(crear({ categoria_origen: 'cripto' }))
    .thenFails('CATEGORIA_NO_PERMITIDA');
});

rules('material and affiliate criteria: defaults of the original, lists trimmed and deduplicated', () => {
  const data = created({
    titulo_material: ' ',
    descripcion_material: null,
    enlaces_material: [' https://a.co ', '', 'https://a.co'],
    tipos_afiliado_permitidos: ['Influencer', 'influencer'],
    paises_permitidos: ['co', ' MX'],
    metricas_minimas: '{ "seguidores": 1000 }',
  });
  assert.equal(data.material_promocional, {
    titulo: `Material para ${data.nombre}`,
    descripcion: data.descripcion,
    enlaces: ['https://a.co'],
    imagenes: [],
    banners: [],
  });
  assert.equal(data.criterios_afiliado, {
    tipos_permitidos: ['influencer'],
    paises_permitidos: ['CO', 'MX'],
    metricas_minimas: '{"seguidores":1000}',
  });
  assert.is(created({ metricas_minimas: null, paises_permitidos: null }).criterios_afiliado.metricas_minimas, '{}');
  for (const metricas_minimas of ['[]', 'null', '{', '42'])
    given().when(crear({ metricas_minimas })).thenFails('METRICAS_MINIMAS_INVALIDAS');
});

rules('origin influencer: optional, null when absent (never the text None), email lower-cased', () => {
  const data = created({
    influencer_origen_id: null,
    influencer_origen_nombre: '',
    influencer_origen_email: ' Ana@GMAIL.com ',
  });
  assert.equal([data.influencer_id, data.influencer_nombre, data.influencer_email], [null, null, 'ana@gmail.com']);
});

const codes = suite('error codes');

codes('every code of the closed union has a trigger (the Record type makes this exhaustive)', () => {
  const triggers: Record<CampanaErrorCode, () => void> = {
    CAMPANA_ID_INVALIDO: () =>
      given()
        .when(crear({ campana_id: '' }))
        .thenFails('CAMPANA_ID_INVALIDO'),
    NOMBRE_INVALIDO: () =>
      given()
        .when(crear({ nombre: '' }))
        .thenFails('NOMBRE_INVALIDO'),
    DESCRIPCION_INVALIDA: () =>
      given()
        .when(crear({ descripcion: '' }))
        .thenFails('DESCRIPCION_INVALIDA'),
    TIPO_COMISION_INVALIDO: () =>
      given()
        .when(crear({ tipo_comision: 'CPA' }))
        .thenFails('TIPO_COMISION_INVALIDO'),
    VALOR_COMISION_INVALIDO: () =>
      given()
        .when(crear({ valor_comision: '0' }))
        .thenFails('VALOR_COMISION_INVALIDO'),
    MONEDA_INVALIDA: () =>
      given()
        .when(crear({ moneda: 'dólares' }))
        .thenFails('MONEDA_INVALIDA'),
    FECHA_INVALIDA: () =>
      given()
        .when(crear({ fecha_inicio: 'hoy' }))
        .thenFails('FECHA_INVALIDA'),
    FECHA_FIN_NO_POSTERIOR: () =>
      given()
        .when(crear({ fecha_fin: '2020-01-01' }))
        .thenFails('FECHA_FIN_NO_POSTERIOR'),
    CATEGORIAS_INVALIDAS: () =>
      given()
        .when(crear({ categorias_objetivo: [] }))
        .thenFails('CATEGORIAS_INVALIDAS'),
    CATEGORIA_NO_PERMITIDA: () =>
      given()
        .when(crear({ categorias_objetivo: ['cripto'] }))
        .thenFails('CATEGORIA_NO_PERMITIDA'),
    METRICAS_MINIMAS_INVALIDAS: () =>
      given()
        .when(crear({ metricas_minimas: '[]' }))
        .thenFails('METRICAS_MINIMAS_INVALIDAS'),
    CAMPANA_YA_EXISTE: () =>
      given(creada, activada)
        .when(crear({ nombre: 'Otra' }))
        .thenFails('CAMPANA_YA_EXISTE'),
    CAMPANA_ELIMINADA: () => given(eliminada(false)).when(crear()).thenFails('CAMPANA_ELIMINADA'),
  };
  assert.equal(Object.keys(triggers).sort(), [...campanaErrorCodes].sort());
  for (const trigger of Object.values(triggers)) trigger();
});

rules.run();
codes.run();

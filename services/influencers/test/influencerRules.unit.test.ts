import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dominiosBloqueados, influencerDecider, influencerErrorCodes } from '../src/domain/index.ts';
import type { InfluencerErrorCode, InfluencerRegistradoData } from '../src/domain/index.ts';
import { crear, eliminado, eliminar, registrado } from './fixtures.ts';
import { givenWhenThen } from '@alpes/eventstore/testing';

const given = givenWhenThen(influencerDecider);

function registered(overrides: Parameters<typeof crear>[0]): InfluencerRegistradoData {
  const [event] = influencerDecider.decide(crear(overrides), influencerDecider.initialState());
  assert.ok(event?.type === 'InfluencerRegistrado');
  return event.data;
}

const rules = suite('influencer business rules');

rules('nombre: trimmed, required non-blank, at most 200 characters', () => {
  assert.is(registered({ nombre: '\t Ana  ' }).nombre, 'Ana');
  assert.is(registered({ nombre: 'a'.repeat(200) }).nombre.length, 200);
  for (const nombre of ['', '   ', 'a'.repeat(201)]) given().when(crear({ nombre })).thenFails('NOMBRE_INVALIDO');
});

rules('email: syntactically valid, stored lower-cased and trimmed', () => {
  assert.is(registered({ email: '  Juan.Perez+ig@Hotmail.COM ' }).email, 'juan.perez+ig@hotmail.com');
  assert.is(registered({ email: 'ana@example.com' }).email, 'ana@example.com');
  const bad = [
    '',
    'ana',
    'ana@',
    '@gmail.com',
    'ana@gmail',
    'ana..b@gmail.com',
    '.ana@gmail.com',
    'ana @gmail.com',
    'ana@-gmail.com',
    'ana@gmail..com',
    `${'a'.repeat(65)}@gmail.com`,
    `a@${'b'.repeat(250)}.com`,
  ];
  for (const email of bad) given().when(crear({ email })).thenFails('EMAIL_INVALIDO');
});

rules('email: domains under the reserved .invalid TLD are refused (the documented outside trigger)', () => {
  assert.equal(dominiosBloqueados, ['invalid']);
  for (const email of ['ana@example.invalid', 'ANA@Bloqueado.INVALID', 'x@a.b.invalid']) {
    given().when(crear({ email })).thenFails('EMAIL_DOMINIO_BLOQUEADO');
  }
  assert.is(registered({ email: 'ana@invalid.com' }).email, 'ana@invalid.com');
});

rules('categorias: non-empty, each trimmed + lower-cased, duplicates dropped in order, bounded', () => {
  assert.equal(registered({ categorias: ['Gaming', ' MODA ', 'gaming', 'Tecnología'] }).categorias, [
    'gaming',
    'moda',
    'tecnología',
  ]);
  assert.equal(registered({ categorias: ['cocina-vegana'] }).categorias, ['cocina-vegana']);
  assert.is(registered({ categorias: Array.from({ length: 20 }, (_, i) => `c${i}`) }).categorias.length, 20);
  const bad = [[], [''], ['moda', '  '], ['x'.repeat(51)], Array.from({ length: 21 }, (_, i) => `c${i}`)];
  for (const categorias of bad) given().when(crear({ categorias })).thenFails('CATEGORIAS_INVALIDAS');
});

rules('plataformas: optional (absent or null → []); trimmed, lower-cased, deduplicated; only the known seven', () => {
  assert.equal(registered({}).plataformas, []);
  assert.equal(registered({ plataformas: null }).plataformas, []);
  assert.equal(registered({ plataformas: [' Instagram', 'tiktok', 'INSTAGRAM'] }).plataformas, ['instagram', 'tiktok']);
  for (const plataformas of [['myspace'], ['instagram', ''], ['  ']])
    given().when(crear({ plataformas })).thenFails('PLATAFORMAS_INVALIDAS');
});

rules('descripcion and biografia: optional, trimmed, bounded (2000 / 5000)', () => {
  assert.is(registered({ descripcion: ' Hola ' }).descripcion, 'Hola');
  assert.is(registered({ biografia: 'b'.repeat(5000) }).biografia?.length, 5000);
  given()
    .when(crear({ descripcion: 'd'.repeat(2001) }))
    .thenFails('DESCRIPCION_INVALIDA');
  given()
    .when(crear({ biografia: 'b'.repeat(5001) }))
    .thenFails('BIOGRAFIA_INVALIDA');
});

rules('sitio_web: optional; when present an http(s) URL with a host', () => {
  for (const url of [
    'https://ana.com',
    'http://www.ana.co/blog?x=1',
    'https://ana.com:8443/',
    'http://localhost:3000',
  ]) {
    assert.is(registered({ sitio_web: ` ${url} ` }).sitio_web, url);
  }
  for (const sitio_web of [
    'ana.com',
    'ftp://ana.com',
    'https://',
    'https://ana',
    'https://ana .com',
    `https://a.com/${'p'.repeat(2048)}`,
  ]) {
    given().when(crear({ sitio_web })).thenFails('SITIO_WEB_INVALIDO');
  }
});

rules('telefono: optional; when present its digits are kept, 7 to 15 of them', () => {
  assert.is(registered({ telefono: '+34 600 111 222' }).telefono, '34600111222');
  assert.is(registered({ telefono: '(601) 555-0100' }).telefono, '6015550100');
  assert.is(registered({ telefono: '1234567' }).telefono, '1234567');
  for (const telefono of ['123456', '+34 (0)', 'abc', '1234567890123456'])
    given().when(crear({ telefono })).thenFails('TELEFONO_INVALIDO');
});

rules('id and instant: the client id is required; fecha_registro is a non-negative integer of ms', () => {
  given()
    .when(crear({ id_influencer: '  ' }))
    .thenFails('INFLUENCER_ID_INVALIDO');
  for (const fecha_registro of [-1, 1.5, Number.NaN])
    given().when(crear({ fecha_registro })).thenFails('FECHA_INVALIDA');
});

const codes = suite('error codes');

codes('every code of the closed union has a trigger (the Record type makes this exhaustive)', () => {
  const triggers: Record<InfluencerErrorCode, () => void> = {
    INFLUENCER_ID_INVALIDO: () =>
      given()
        .when(crear({ id_influencer: '' }))
        .thenFails('INFLUENCER_ID_INVALIDO'),
    NOMBRE_INVALIDO: () =>
      given()
        .when(crear({ nombre: ' ' }))
        .thenFails('NOMBRE_INVALIDO'),
    EMAIL_INVALIDO: () =>
      given()
        .when(crear({ email: 'ana' }))
        .thenFails('EMAIL_INVALIDO'),
    EMAIL_DOMINIO_BLOQUEADO: () =>
      given()
        .when(crear({ email: 'ana@example.invalid' }))
        .thenFails('EMAIL_DOMINIO_BLOQUEADO'),
    CATEGORIAS_INVALIDAS: () =>
      given()
        .when(crear({ categorias: [] }))
        .thenFails('CATEGORIAS_INVALIDAS'),
    PLATAFORMAS_INVALIDAS: () =>
      given()
        .when(crear({ plataformas: ['myspace'] }))
        .thenFails('PLATAFORMAS_INVALIDAS'),
    DESCRIPCION_INVALIDA: () =>
      given()
        .when(crear({ descripcion: 'd'.repeat(2001) }))
        .thenFails('DESCRIPCION_INVALIDA'),
    BIOGRAFIA_INVALIDA: () =>
      given()
        .when(crear({ biografia: 'b'.repeat(5001) }))
        .thenFails('BIOGRAFIA_INVALIDA'),
    SITIO_WEB_INVALIDO: () =>
      given()
        .when(crear({ sitio_web: 'nope' }))
        .thenFails('SITIO_WEB_INVALIDO'),
    TELEFONO_INVALIDO: () =>
      given()
        .when(crear({ telefono: '12' }))
        .thenFails('TELEFONO_INVALIDO'),
    FECHA_INVALIDA: () =>
      given()
        .when(eliminar({ fecha_eliminacion: '' }))
        .thenFails('FECHA_INVALIDA'),
    INFLUENCER_YA_EXISTE: () =>
      given(registrado)
        .when(crear({ nombre: 'Otra' }))
        .thenFails('INFLUENCER_YA_EXISTE'),
    INFLUENCER_ELIMINADO: () => given(eliminado(false)).when(crear()).thenFails('INFLUENCER_ELIMINADO'),
  };
  assert.equal(Object.keys(triggers).sort(), [...influencerErrorCodes].sort());
  for (const trigger of Object.values(triggers)) trigger();
});

rules.run();
codes.run();

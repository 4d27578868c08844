import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  epochDe,
  iguales,
  instanteIso,
  moneda,
  montoPositivo,
  normalizarEmail,
  razonPorDefecto,
  textoAcotado,
  textoOpcional,
  unreachable,
} from '@alpes/shared-kernel';

const test = suite('shared kernel: value rules');

test('instants: T or space, optional fraction and offset; no offset means UTC; impossible dates refused', () => {
  assert.is(instanteIso('2025-09-20T03:21:45.872Z'), '2025-09-20T03:21:45.872Z');
  assert.is(instanteIso('2025-09-20 03:21:45'), '2025-09-20T03:21:45.000Z');
  assert.is(instanteIso('2025-09-20T05:21:45+02:00'), '2025-09-20T03:21:45.000Z');
  assert.is(instanteIso('2025-09-20T00:00:00-0300'), '2025-09-20T03:00:00.000Z');
  assert.is(instanteIso('2025-09-20'), '2025-09-20T00:00:00.000Z');
  assert.is(epochDe('1970-01-01T00:00:00.1234Z'), 123);
  for (const bad of ['2025-02-30T00:00:00Z', '2025-13-01', '2025-09-20T24:00:00Z', 'ayer', '', '20-09-2025'])
    assert.is(instanteIso(bad), undefined, bad);
});

test('amounts: exact two-decimal strings, strictly positive, at most 12 integer digits, no sign or exponent', () => {
  assert.is(montoPositivo('100'), '100.00');
  assert.is(montoPositivo(' 0.5 '), '0.50');
  assert.is(montoPositivo('12.340'), '12.34');
  assert.is(montoPositivo('999999999999.99'), '999999999999.99');
  for (const bad of ['0', '0.00', '-1', '1e3', '1,000.00', '12.345', '0100', '1000000000000', null, undefined])
    assert.is(montoPositivo(bad), undefined, String(bad));
});

test('currencies: three letters, upper-cased', () => {
  assert.is(moneda(' usd '), 'USD');
  for (const bad of ['US', 'EURO', '12A', null]) assert.is(moneda(bad), undefined, String(bad));
});

test('structural equality: blind to key order, not to arrays versus objects or extra keys', () => {
  assert.ok(iguales({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }));
  assert.not.ok(iguales([1, 2], [2, 1]));
  assert.not.ok(iguales({ 0: 'x' }, ['x']));
  assert.not.ok(iguales({ a: 1 }, { a: 1, b: undefined }));
  assert.not.ok(iguales(null, {}));
});

test('text: trimmed, blank is absent, bounded; emails normalised or refused; unreachable throws naming the value', () => {
  assert.is(textoOpcional('  hola '), 'hola');
  for (const blank of ['', '   ', null, undefined]) assert.is(textoOpcional(blank), undefined, String(blank));
  assert.is(textoAcotado(' abc ', 3), 'abc');
  assert.is(textoAcotado('abcd', 3), undefined);
  assert.is(normalizarEmail('  Ana.Garcia@Example.COM '), 'ana.garcia@example.com');
  for (const bad of ['ana', 'ana@', '@x.com', 'a..b@x.com', 'ana@localhost', `${'a'.repeat(65)}@x.com`])
    assert.is(normalizarEmail(bad), undefined, bad);
  assert.throws(() => unreachable('otro' as never), /unhandled variant: "otro"/);
  assert.is(razonPorDefecto, 'Compensación por falla en saga', 'the original text');
});

test.run();

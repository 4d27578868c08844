import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { maskEmail, maskEmailsIn } from '@alpes/shared-kernel';

const test = suite('shared kernel: email masking');

test('an email keeps its first character and its domain, nothing else of the local part', () => {
  assert.is(maskEmail('ana.garcia@example.com'), 'a***@example.com');
  assert.is(maskEmail('x@example.org'), 'x***@example.org');
  assert.is(maskEmail('ana.garcia+x@gmail.com'), 'a***@gmail.com');
});

test('anything that is not an email is fully masked', () => {
  for (const bad of ['', 'ana', 'not-an-email', '@example.com', 'ana@']) assert.is(maskEmail(bad), '***', bad);
});

test('free text: every address in it is masked, the rest kept', () => {
  const text = 'ana.garcia@example.com ya tiene un contrato activo: c-1 (también "bo.b+x@sub.example.net")';
  const masked = maskEmailsIn(text);
  assert.is(masked, 'a***@example.com ya tiene un contrato activo: c-1 (también "b***@sub.example.net")');
  assert.not.match(masked, /garcia|bo\.b/);
  assert.is(maskEmailsIn('sin datos personales'), 'sin datos personales');
});

test.run();

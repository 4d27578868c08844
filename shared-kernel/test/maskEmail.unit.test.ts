import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { maskEmail } from '@alpes/shared-kernel';

const test = suite('maskEmail');

test('keeps the first character and the domain', () => {
  assert.is(maskEmail('ana@example.com'), 'a***@example.com');
  assert.is(maskEmail('ana.garcia+x@gmail.com'), 'a***@gmail.com');
});

test('anything that is not an email is fully masked', () => {
  for (const bad of ['', 'ana', '@example.com', 'ana@']) assert.is(maskEmail(bad), '***', bad);
});

test.run();

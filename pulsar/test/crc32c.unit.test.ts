import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32c } from '../src/crc32c.ts';

const test = suite('crc32c');

// Check values from RFC 3720 (iSCSI) appendix B.4 and the CRC catalogue ("123456789" → 0xE3069283).
test('known vectors', () => {
  assert.is(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.is(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
  assert.is(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
  assert.is(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i))), 0x46dd794e);
  assert.is(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i))), 0x113fdb5c);
  assert.is(crc32c(Buffer.alloc(0)), 0);
});

test('ranges and chaining agree with one pass', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff));
  const whole = crc32c(data);
  for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
    assert.is(crc32c(data, cut, data.length, crc32c(data, 0, cut)), whole, `cut at ${cut}`);
  }
  const framed = Buffer.concat([Buffer.from('head'), data]);
  assert.is(crc32c(framed, 4), whole);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isInstant } from '../src/adapters/http/instant.ts';

const test = suite(
  'saga query API: desde/hasta instants (issue 9: these reached the timestamptz cast and answered 500)',
);

test('calendar dates and times in the pattern are instants', () => {
  for (const text of [
    '2024-02-29',
    '0001-01-01',
    '2024-01-01T10:00',
    '2024-01-01T10:00:59.123456Z',
    '2024-01-01T10:00+14:00',
    '9999-12-31T23:59:59Z',
  ]) {
    assert.ok(isInstant(text), text);
  }
});

test('impossible dates, year 0, hour 24, minute 60 and huge offsets are not', () => {
  for (const text of [
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '0000-01-01',
    '2024-01-01T24:00',
    '2024-01-01T10:60',
    '2024-01-01T10:00+99:99',
    '2024-1-1',
  ]) {
    assert.not.ok(isInstant(text), text);
  }
});

test.run();

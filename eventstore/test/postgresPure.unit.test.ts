import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isConcurrencyError } from '@alpes/eventstore';
import { backoffMs, SetupError } from '@alpes/eventstore/postgres';
import { checkExpectedVersion } from '../src/postgres/expectedVersion.ts';
import { validated } from '../src/postgres/migrate.ts';
import { tablesOf } from '../src/postgres/tables.ts';

const expected = suite('checkExpectedVersion');

expected('an exact version must equal the current one', () => {
  checkExpectedVersion('s-1', 3, 3);
  const error = catching(() => checkExpectedVersion('s-1', 2, 3));
  assert.ok(isConcurrencyError(error));
  assert.is((error as { code: string }).code, 'CONCURRENCY_CONFLICT');
  assert.is((error as { actual: number }).actual, 3);
});

expected("'no_stream' means version 0, 'any' accepts every version", () => {
  checkExpectedVersion('s-1', 'no_stream', 0);
  assert.ok(isConcurrencyError(catching(() => checkExpectedVersion('s-1', 'no_stream', 1))));
  checkExpectedVersion('s-1', 'any', 0);
  checkExpectedVersion('s-1', 'any', 7);
});

expected.run();

const backoff = suite('backoffMs');

backoff('doubles per failure, jitters ×[0.5, 1.5) and caps at 500 ms', () => {
  assert.is(
    backoffMs(1, 10, () => 0.5),
    10,
  );
  assert.is(
    backoffMs(3, 10, () => 0.5),
    40,
  );
  assert.is(
    backoffMs(3, 10, () => 0),
    20,
  );
  assert.is(
    backoffMs(3, 10, () => 0.999),
    60,
  );
  assert.is(
    backoffMs(20, 10, () => 0.5),
    500,
  );
});

backoff.run();

const setup = suite('migration list and schema names');

setup('sorts migrations by version', () => {
  const sorted = validated([
    { version: 2, name: 'b', sql: '' },
    { version: 1, name: 'a', sql: '' },
  ]);
  assert.equal(
    sorted.map((m) => m.name),
    ['a', 'b'],
  );
});

setup('refuses repeated or non-positive versions', () => {
  for (const migrations of [
    [
      { version: 1, name: 'a', sql: '' },
      { version: 1, name: 'b', sql: '' },
    ],
    [{ version: 0, name: 'a', sql: '' }],
    [{ version: 1.5, name: 'a', sql: '' }],
  ]) {
    const error = catching(() => validated(migrations));
    assert.ok(error instanceof SetupError);
    assert.is(error.code, 'INVALID_MIGRATIONS');
  }
});

setup('schema names are plain lower-case identifiers', () => {
  assert.ok(tablesOf('influencers'));
  for (const bad of ['Influencers', 'a-b', 'x"; drop schema y; --', 'pg_catalog', '', '1abc']) {
    const error = catching(() => tablesOf(bad));
    assert.ok(error instanceof SetupError, bad);
    assert.is(error.code, 'INVALID_SCHEMA_NAME');
  }
});

setup.run();

function catching(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

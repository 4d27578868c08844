// The database roles program (gcp's `alpes-db-roles` job, issue 19) against a database of its own: refuses
// missing passwords, then makes the roles and schemas; a second run changes nothing and still succeeds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { PROCESS_NAMES, repoRoot } from '@alpes/infra';
import { freshDatabase } from '@alpes/infra/testing';

const test = suite('database roles program');
const db = await freshDatabase('roles');
const passwords = Object.fromEntries(
  PROCESS_NAMES.map((name) => [`DB_PASSWORD_${name.toUpperCase()}`, randomBytes(18).toString('base64url')]),
);
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(repoRoot, 'infra/src/databaseRolesMain.ts')], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });

test('without the passwords: exit 2, naming what is missing', () => {
  const result = run({ DATABASE_URL: db.url });
  assert.is(result.status, 2, result.stderr);
  assert.match(result.stderr, /DB_PASSWORD_INFLUENCERS .*DB_PASSWORD_RELAY/);
});

test('with them (twice): a role per process, owning its schema and writing in no other', async () => {
  for (let round = 1; round <= 2; round++) {
    const result = run({ DATABASE_URL: db.url, ...passwords });
    assert.is(result.status, 0, `round ${round}: ${result.stderr}`);
  }
  const url = new URL(db.url);
  url.username = 'alpes_campanas';
  url.password = passwords['DB_PASSWORD_CAMPANAS'] ?? '';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const owner = await client.query<{ owner: string }>(
      `select nspowner::regrole::text as owner from pg_namespace where nspname = 'campanas'`,
    );
    assert.is(owner.rows[0]?.owner, 'alpes_campanas');
    await client.query('create table campanas.t (n int)');
    const other = await client.query('create table influencers.t (n int)').then(
      () => 'created',
      (error: { code?: string }) => error.code,
    );
    assert.is(other, '42501');
  } finally {
    await client.end();
  }
});

test.after(() => db.drop());
test.run();

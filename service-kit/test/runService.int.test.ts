// runService (issue 17's one composition): a start that fails halfway closes what it had made, in reverse order,
// and exits non-zero naming the reason; a bad configuration exits non-zero naming the key.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freshDatabase, testInfra } from '@alpes/infra/testing';

const test = suite('runService');
const script = fileURLToPath(new URL('./support/failingService.ts', import.meta.url));
const db = await freshDatabase('run_service');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', LOG_FORMAT: 'json', ...env },
    timeout: 60_000,
  });

test('a start that fails after the pool and the client were made: cleaned up in reverse order, exit 1 with the reason', () => {
  const result = run({ DATABASE_URL: db.url, PULSAR_URL: testInfra().pulsarUrl });
  const output = result.stdout + result.stderr;
  assert.is(result.status, 1, output);
  assert.match(output, /failing could not start: boom: the second subscription was refused/);
  const shuttingDown = result.stdout.indexOf('"msg":"start failed: shutting down"');
  assert.ok(shuttingDown >= 0, result.stdout);
  assert.ok(
    result.stdout.indexOf('closed: marker') > shuttingDown,
    `what the consumers made was closed:\n${result.stdout}`,
  );
  assert.match(result.stdout, /"exitCode":1,"msg":"stopped"/);
});

test('a bad configuration: exit 1 naming the key, nothing made', () => {
  const result = run({ DATABASE_URL: 'mysql://nowhere', PULSAR_URL: testInfra().pulsarUrl });
  assert.is(result.status, 1);
  assert.match(result.stderr, /failing could not start: invalid failing configuration:\s+DATABASE_URL: must match/);
});

test.after(() => db.drop());
test.run();

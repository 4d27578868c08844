import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, createPulsarAdmin, repoRoot } from '@alpes/infra';

// The whole system from a fresh clone, with a registration: firstRun.e2e.test.ts.
const test = suite('npm start');

test('brings PostgreSQL and Pulsar up, prints where they listen, and leaves nothing behind on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alpes-start-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const env: NodeJS.ProcessEnv = { ...process.env, ALPES_DATA_DIR: dataDir };
  for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PULSAR_ADMIN_URL']) delete env[key];
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts'), '--infra-only'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up after 180 s:\n${output}`)), 180_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('infrastructure is up')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const pgPort = /PostgreSQL listening on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    const admin = /admin (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(pgPort && admin, `the addresses are printed:\n${output}`);
    assert.ok(
      await canConnect(`postgres://postgres:postgres@127.0.0.1:${pgPort}/alpespartners_dijs`),
      'the application database is reachable',
    );
    await createPulsarAdmin(admin).health();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.is(code, 0);
    assert.match(output, /stopped/);
    const left = spawnSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).stdout.trim();
    assert.is(left, '', `no process of that run is left (found pids: ${left})`);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();

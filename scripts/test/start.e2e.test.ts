import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, createPulsarAdmin, isAlive, repoRoot } from '@alpes/infra';

// One file, so the two runs of `npm start` (which prefer the same ports) never overlap.
const test = suite('npm start');

test('brings PostgreSQL and Pulsar up, prints where they listen, and leaves nothing behind on SIGINT', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alpes-start-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const env: NodeJS.ProcessEnv = { ...process.env, ALPES_DATA_DIR: dataDir };
  for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PULSAR_ADMIN_URL']) delete env[key];
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts'), '--infra-only'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up after 180 s:\n${output}`)), 180_000);
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('infrastructure is up')) { clearTimeout(timer); resolve(); }
      });
    });
    const pgPort = /PostgreSQL listening on 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
    const admin = /admin (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    assert.ok(pgPort && admin, `the addresses are printed:\n${output}`);
    assert.ok(await canConnect(`postgres://postgres:postgres@127.0.0.1:${pgPort}/alpespartners_dijs`), 'the application database is reachable');
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

test('as a new user: start, register an influencer through the BFF, see the saga completada, SIGINT leaves nothing behind', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alpes-start-system-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
  const env: NodeJS.ProcessEnv = { ...process.env, ALPES_DATA_DIR: dataDir, PULSAR_NAMESPACE: `public/start-${randomUUID().slice(0, 8)}` };
  for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PULSAR_ADMIN_URL']) delete env[key];
  const start = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  start.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not healthy after 240 s:\n${output.slice(-5000)}`)), 240_000);
      start.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('everything is healthy')) { clearTimeout(timer); resolve(); }
      });
      start.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-5000)}`)));
    });
    const dashboard = /dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    const sagaApi = /saga API: (http:\/\/127\.0\.0\.1:\d+)\/sagas/.exec(output)?.[1];
    assert.ok(dashboard && sagaApi, `the URLs are printed:\n${output.slice(-3000)}`);
    assert.is((await fetch(`${dashboard}/`)).status, 200);
    // Issue 16: the operator token is printed, kept in the data folder, and opens the operator stream.
    const operatorToken = /operator token .*: ([A-Za-z0-9_-]{43})$/m.exec(output)?.[1];
    assert.ok(operatorToken, `the operator token is printed:\n${output.slice(-3000)}`);
    const ticket = await fetch(`${dashboard}/operator/tickets`, { method: 'POST', headers: { authorization: `Bearer ${operatorToken}` } });
    assert.is(ticket.status, 201);
    const id = randomUUID();
    const accepted = await fetch(`${dashboard}/influencers`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id_influencer: id, nombre: 'Lucía Fernández', email: `lucia.${id.slice(0, 8)}@gmail.com`, categorias: ['viajes', 'comida'] }),
    });
    assert.is(accepted.status, 202);
    const { id_correlacion: saga } = await accepted.json() as { id_correlacion: string };
    let estado = '';
    for (let i = 0; i < 240 && estado !== 'completada'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const response = await fetch(`${sagaApi}/sagas/${saga}`);
      if (response.ok) estado = ((await response.json()) as { estado: string }).estado;
    }
    assert.is(estado, 'completada');
    const children = spawnSync('pgrep', ['-P', String(start.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number);
    assert.ok(children.length >= 6, `the services run as children (found ${children.length})`);
    start.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => start.once('exit', resolve));
    assert.is(code, 0);
    assert.equal(children.filter(isAlive), [], 'no child process is left');
    const left = spawnSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).stdout.trim();
    assert.is(left, '', `no PostgreSQL or broker of that run is left (pids: ${left})`);
  } finally {
    start.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();

// The first run as a new user makes it (issue #15): a fresh clone in a private folder (0700, like root's
// home or any `mktemp -d`), npm scripts run through npm with the machine's own Node first on the PATH,
// a port held by another program, and SIGTERM to the npm process alone (no terminal, no process group).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isAlive, isListening, repoRoot } from '@alpes/infra';
import { testInfra } from '@alpes/infra/testing';
import { cloneWorkTree, descendants, npm, until, userEnv } from './firstRunKit.ts';

const test = suite('first run');
const parent = mkdtempSync(join(tmpdir(), 'alpes-first-run-'));
const clone = join(parent, 'x');

test('a port held by another program: npm start exits non-zero within 2 minutes, names the port, never says healthy', async () => {
  const holder = (await isListening(8002, '0.0.0.0'))
    ? undefined
    : spawn(process.execPath, ['-e', `require('node:net').createServer().listen(8002, '127.0.0.1')`], {
        stdio: 'ignore',
      });
  try {
    for (let i = 0; i < 50 && !(await isListening(8002, '0.0.0.0')); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const { code, output } = await npm(repoRoot, ['start'], userEnv(), 120_000);
    assert.ok(code !== 0 && code !== null, `npm start exits non-zero (exit ${code}):\n${output.slice(-2000)}`);
    assert.ok(Date.now() - started < 120_000);
    assert.match(output, /port 8002 \(contratos\) is in use/);
    assert.not.match(output, /everything is healthy/);
  } finally {
    holder?.kill();
  }
});

test('a fresh clone in a 0700 folder: `npm run send-events -- --help` installs the dependencies and answers', async () => {
  assert.is(statSync(parent).mode & 0o777, 0o700);
  cloneWorkTree(repoRoot, clone);
  const { code, output } = await npm(clone, ['run', 'send-events', '--', '--help'], userEnv(), 300_000);
  assert.is(code, 0, output.slice(-3000));
  assert.match(output, /\[setup\] installing dependencies/);
  assert.match(output, /Usage: send-events/);
});

test('npm start from that clone is healthy and completes a registration; SIGTERM to npm alone stops every process within 20 s', async () => {
  const env = userEnv({ PULSAR_NAMESPACE: `public/first-run-${randomUUID().slice(0, 8)}` });
  // Its own session: no terminal and no process group to signal, as under Docker, systemd or a CI runner.
  const start = spawn('npm', ['start', '--', '--free-ports'], {
    cwd: clone,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [start.stdout, start.stderr])
    stream.on('data', (d: Buffer) => {
      output += d.toString();
    });
  try {
    await until(
      () => output.includes('everything is healthy'),
      300_000,
      () => `not healthy after 300 s:\n${output.slice(-5000)}`,
      () => start.exitCode !== null,
    );
    const dashboard = /dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    const sagaApi = /saga API: (http:\/\/127\.0\.0\.1:\d+)\/sagas/.exec(output)?.[1];
    assert.ok(dashboard && sagaApi, `the URLs are printed:\n${output.slice(-3000)}`);
    // Issue 16: the operator token is printed, kept in the data folder, and opens the operator stream.
    const operatorToken = /operator token .*: ([A-Za-z0-9_-]{43})$/m.exec(output)?.[1];
    assert.ok(operatorToken, `the operator token is printed:\n${output.slice(-3000)}`);
    const ticket = await fetch(`${dashboard}/operator/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    assert.is(ticket.status, 201);
    assert.is(await registerAndFollow(dashboard, sagaApi), 'completada');
    const tree = descendants(start.pid ?? 0);
    assert.ok(tree.length >= 8, `the system runs below npm (found ${tree.length} processes)`);
    const signalled = Date.now();
    process.kill(start.pid ?? 0, 'SIGTERM');
    await until(
      () => tree.every((pid) => !isAlive(pid)) && !isAlive(start.pid ?? 0),
      20_000,
      () => `left running 20 s after SIGTERM: ${tree.filter(isAlive).join(', ')}\n${output.slice(-3000)}`,
    );
    console.log(`    every process stopped ${((Date.now() - signalled) / 1000).toFixed(1)} s after SIGTERM to npm`);
    assert.match(output, /stopped/);
  } finally {
    if (start.pid && isAlive(start.pid)) process.kill(-start.pid, 'SIGKILL');
    // PostgreSQL's data went to a temp folder of its own (its user cannot enter the private clone).
    for (const [, dir] of output.matchAll(/using (\S+) instead/g))
      if (dir) rmSync(dirname(dir), { recursive: true, force: true });
  }
});

test('the infrastructure tests pass from that clone (its own embedded PostgreSQL)', async () => {
  const { pulsarUrl, pulsarAdminUrl } = testInfra();
  const files = [
    'infra/test/postgres.int.test.ts',
    'infra/test/guardedSpawn.int.test.ts',
    'infra/test/pulsarAdmin.int.test.ts',
  ];
  const { code, output } = await npm(
    clone,
    ['test', '--', ...files],
    userEnv({ PULSAR_URL: pulsarUrl, PULSAR_ADMIN_URL: pulsarAdminUrl }),
    420_000,
  );
  assert.is(code, 0, output.slice(-4000));
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(output);
  assert.ok(summary && Number(summary[1]) > 0 && summary[2] === '0', output.slice(-2000));
});

test.after(() => rmSync(parent, { recursive: true, force: true }));

async function registerAndFollow(bff: string, sagaApi: string): Promise<string> {
  const id = randomUUID();
  const accepted = await fetch(`${bff}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id_influencer: id,
      nombre: 'Lucía Fernández',
      email: `lucia.${id.slice(0, 8)}@gmail.com`,
      categorias: ['viajes'],
    }),
  });
  assert.is(accepted.status, 202);
  const { id_correlacion: saga } = (await accepted.json()) as { id_correlacion: string };
  let estado = '';
  for (let i = 0; i < 240 && estado !== 'completada'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const response = await fetch(`${sagaApi}/sagas/${saga}`);
    if (response.ok) estado = ((await response.json()) as { estado: string }).estado;
  }
  return estado;
}

test.run();

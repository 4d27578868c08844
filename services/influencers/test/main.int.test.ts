import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@alpes/infra';
import { freshDatabase, testInfra } from '@alpes/infra/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('main.ts (composition root)');
const mainPath = fileURLToPath(new URL('../src/main.ts', import.meta.url));

interface Run {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [mainPath], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test('starts (migrations, consumers, HTTP), answers /health, and stops cleanly on SIGTERM', async () => {
  const db = await freshDatabase('influencers_main');
  const port = await freePort();
  const service = run({
    DATABASE_URL: db.url,
    PULSAR_URL: testInfra().pulsarUrl,
    PORT: String(port),
    LOG_LEVEL: 'info',
  });
  try {
    await waitFor({
      what: 'influencers /health',
      timeoutMs: 30_000,
      probe: async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
      failFast: () =>
        service.child.exitCode === null ? undefined : `exited ${service.child.exitCode}: ${service.output()}`,
    });
    const list = await fetch(`http://127.0.0.1:${port}/influencers`);
    assert.is(list.status, 200);
    service.child.kill('SIGTERM');
    assert.is(await service.exited, 0, service.output());
    assert.match(service.output(), /stopped/);
  } finally {
    service.child.kill('SIGKILL');
    await db.drop();
  }
});

test('a bad configuration exits non-zero naming every bad key', async () => {
  const service = run({ DATABASE_URL: 'mysql://x', PORT: 'eighty' });
  assert.is(await service.exited, 1);
  const output = service.output();
  assert.match(output, /influencers could not start/);
  for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PORT']) assert.match(output, new RegExp(key));
});

test('an unreachable database exits non-zero with the reason', async () => {
  const port = await freePort();
  const service = run({ DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`, PULSAR_URL: testInfra().pulsarUrl });
  assert.is(await service.exited, 1);
  assert.match(service.output(), /influencers could not start/);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, execFileSync } from 'node:child_process';
import { isAlive } from '../src/guardedSpawn.ts';

const test = suite('guarded child processes');

const waitUntil = async (condition: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
};

test('the child dies when its parent is killed with SIGKILL', async () => {
  // A parent Node process starts a guarded `sleep`, prints the sleeper's pid, and waits forever.
  const script = `
    import { guardedSpawn } from '@alpes/infra';
    const child = guardedSpawn('sleep', ['300'], { graceSeconds: 1 });
    setTimeout(() => console.log('pid', child.pid), 300);
    setInterval(() => {}, 1000);
  `;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wrapperPid = await new Promise<number>((resolve) =>
    parent.stdout.on('data', (d: Buffer) => resolve(Number(/pid (\d+)/.exec(d.toString())?.[1]))),
  );
  const sleeper = Number(execFileSync('pgrep', ['-P', String(wrapperPid), 'sleep'], { encoding: 'utf8' }).trim());
  assert.ok(isAlive(sleeper), 'the guarded child runs');
  parent.kill('SIGKILL');
  assert.ok(await waitUntil(() => !isAlive(sleeper), 5000), 'the guarded child was stopped after its parent died');
});

test.run();

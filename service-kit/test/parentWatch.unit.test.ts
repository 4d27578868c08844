import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const test = suite('watchParent');
const source = pathToFileURL(join(fileURLToPath(new URL('.', import.meta.url)), '../src/parentWatch.ts')).href;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a process started with ALPES_PARENT_PID shuts down once that parent is SIGKILLed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parent-watch-'));
  let child = 0;
  try {
    const watcher = join(dir, 'watcher.ts');
    writeFileSync(
      watcher,
      `import { watchParent } from ${JSON.stringify(source)};
watchParent((reason) => { console.log('gone: ' + reason); process.exit(0); }, process.env, 50);
setInterval(() => {}, 1000);\n`,
    );
    const middle = join(dir, 'middle.ts');
    writeFileSync(
      middle,
      `import { spawn } from 'node:child_process';
const child = spawn(process.execPath, [${JSON.stringify(watcher)}], { env: { ...process.env, ALPES_PARENT_PID: String(process.pid) }, stdio: ['ignore', 'inherit', 'inherit'] });
console.log('child ' + child.pid);
setInterval(() => {}, 1000);\n`,
    );
    const parent = spawn(process.execPath, [middle], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 10_000;
    while (!/child (\d+)/.test(output) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    child = Number(/child (\d+)/.exec(output)?.[1]);
    assert.ok(alive(child), `the watcher runs (${output})`);
    parent.kill('SIGKILL');
    while (alive(child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.not.ok(alive(child), 'the orphan exited');
    assert.match(output, /gone: parent process \d+ exited/);
  } finally {
    if (child > 0 && alive(child)) process.kill(child, 'SIGKILL'); // a failed run leaves no orphan behind
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

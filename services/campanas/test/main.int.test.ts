// The composition root's start-up failures: exit 1 with a readable reason. (A full start needs the catalogue
// topics, which a shared broker must not get from a test; the consumers are proven in consumers.int.test.ts.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const test = suite('campanas main');

test('a bad configuration exits 1 listing every bad or missing key', async () => {
  const { code, output } = await run({ PORT: 'ochenta', PULSAR_URL: 'http://broker', LOG_LEVEL: 'verbose' });
  assert.is(code, 1);
  assert.match(output, /campanas could not start: invalid campanas configuration/);
  for (const key of ['PORT', 'PULSAR_URL', 'LOG_LEVEL', 'DATABASE_URL'])
    assert.match(output, new RegExp(`${key}: `), output);
});

test('an unreachable database exits 1 with the reason', async () => {
  const { code, output } = await run({
    DATABASE_URL: 'postgres://nadie:nada@127.0.0.1:1/alpes',
    PULSAR_URL: 'pulsar://127.0.0.1:1',
  });
  assert.is(code, 1);
  assert.match(output, /campanas could not start: /);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@alpes/infra';

const test = suite('pinned Node.js');

test('tests run on Node 24', () => {
  assert.is(process.versions.node.split('.')[0], '24');
});

test('`node --version` inside npm scripts reports v24', () => {
  const version = execFileSync('npm', ['exec', '--', 'node', '--version'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  assert.match(version, /^v24\./);
});

test('every npm script installs the dependencies first and execs its command (npm forwards SIGINT/SIGTERM to it)', () => {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const main = Object.keys(scripts).filter((name) => !name.startsWith('pre'));
  assert.ok(main.length >= 12);
  for (const name of main) {
    assert.is(scripts[`pre${name}`], 'node scripts/ensureInstall.mjs', `pre${name}`);
    assert.match(scripts[name] ?? '', /^exec /, name);
  }
});

test.run();

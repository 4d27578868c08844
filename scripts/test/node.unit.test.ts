import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '@alpes/infra';

const test = suite('pinned Node.js');

test('tests run on Node 24', () => {
  assert.is(process.versions.node.split('.')[0], '24');
});

test('`node --version` inside npm scripts reports v24', () => {
  const version = execFileSync('npm', ['exec', '--', 'node', '--version'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  assert.match(version, /^v24\./);
});

test.run();

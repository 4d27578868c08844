import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRoot, buildRuntime, builtEntry, repoRoot } from '@alpes/infra';

const test = suite('runtime build (.build/)');

const jsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
  });

test('every process entry point is built; relative imports name .js files; a second build rewrites nothing', () => {
  buildRuntime();
  for (const main of ['services/bff/src/main.ts', 'services/saga/src/main.ts', 'outbox-relay/src/main.ts']) {
    assert.ok(statSync(join(repoRoot, builtEntry(main))).isFile(), main);
  }
  const files = jsFiles(buildRoot);
  assert.ok(files.length > 100, `${files.length} files`);
  for (const file of files)
    assert.not.match(readFileSync(file, 'utf8'), /(from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*\.ts['"]/, file);
  assert.is(buildRuntime().written, 0);
});

test('a built package loads with its files and its own dependencies (the contracts read their .avsc next to the module)', async () => {
  buildRuntime();
  const contracts = (await import(pathToFileURL(join(buildRoot, 'contracts', 'src', 'index.js')).href)) as {
    schemaText: (topic: string, version: string) => string;
  };
  assert.match(contracts.schemaText('eventos-saga', 'v1'), /"type"\s*:\s*"record"/);
  const kit = (await import(pathToFileURL(join(buildRoot, 'service-kit', 'src', 'index.js')).href)) as {
    serialByKey: unknown;
  };
  assert.type(kit.serialByKey, 'function');
});

test.run();

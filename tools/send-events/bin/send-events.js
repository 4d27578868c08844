#!/usr/bin/env node
// Runs the TypeScript entry with Node's type stripping (unflagged since Node 22.18). An older `node` on the PATH
// hands over to the project's pinned Node 24 (node_modules/.bin/node) when it finds one above this file.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(realpathSync(fileURLToPath(import.meta.url)));
const entry = join(here, '..', 'src', 'main.ts');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const strips = major > 22 || (major === 22 && minor >= 18);

if (strips) {
  await import(entry);
} else {
  let dir = here;
  let pinned;
  while (pinned === undefined && dir !== dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', 'node');
    if (existsSync(candidate)) pinned = candidate;
    dir = dirname(dir);
  }
  if (pinned === undefined) {
    process.stderr.write(`send-events needs Node >= 22.18 (type stripping); this is ${process.version}\n`);
    process.exit(2);
  }
  const child = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

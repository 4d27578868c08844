// Runs before `npm start` / `npm test` with whatever Node the machine has (it may be older than
// the project's pinned Node 24), so it is plain JavaScript. It installs the workspace when
// node_modules is missing or older than package-lock.json: a fresh clone needs no manual step.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const fresh = existsSync(marker) && mtime(marker) >= mtime(lock) && mtime(marker) >= mtime(join(root, 'package.json'));

if (!fresh) {
  const useCi = existsSync(lock) && !existsSync(join(root, 'node_modules'));
  const args = useCi ? ['ci'] : ['install'];
  console.log(`[setup] installing dependencies (npm ${args.join(' ')}) …`);
  const started = Date.now();
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`[setup] npm ${args[0]} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
  console.log(`[setup] dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

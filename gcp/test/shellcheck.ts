import { spawnSync } from 'node:child_process';

function found(): boolean {
  return spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure `shellcheck` is on the PATH: installs the Debian package when missing (as root, as CI runs), and
 * throws with what to do when it cannot, so the lint is never skipped silently.
 */
export function ensureShellcheck(): void {
  if (found()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'shellcheck is not installed and this is not root: install it (apt-get install -y shellcheck) and rerun',
    );
  }
  const apt = (...args: string[]) =>
    spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let install = apt('install', '-y', '-q', 'shellcheck');
  if (install.status !== 0) {
    apt('update', '-q');
    install = apt('install', '-y', '-q', 'shellcheck');
  }
  if (install.status !== 0 || !found()) {
    throw new Error(`cannot install shellcheck with apt-get (exit ${install.status}):\n${install.stderr}`);
  }
}

// Makes sure Debian's `chromium` is installed for the browser test; a fresh machine does not have it.
// Runnable alone: `node_modules/.bin/node services/bff/test/support/ensureChromium.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = '/usr/bin/chromium';

/** Installs chromium with apt-get when it is missing (needs root); throws with apt's exact error when that fails. */
export function ensureChromium(log: (line: string) => void = (line) => console.log(line)): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${chromiumPath} is missing and this process is not root: run \`apt-get update && apt-get install -y chromium\` as root`,
    );
  }
  log(`[chromium] ${chromiumPath} missing: installing Debian's chromium with apt-get (takes a minute or two) …`);
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(chromiumPath))
    throw new Error(`apt-get install chromium succeeded but ${chromiumPath} does not exist`);
  log(`[chromium] installed ${chromiumPath}`);
  return chromiumPath;
}

function run(args: readonly string[]): void {
  const command = `apt-get ${args.join(' ')}`;
  // stdout is inherited so the progress shows; stderr is inherited too and kept in the thrown error's message.
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  });
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) {
    throw new Error(
      `${command} failed with exit code ${result.status ?? `signal ${result.signal}`}:\n${result.stderr.trim()}`,
    );
  }
}

if (import.meta.main) ensureChromium();

// Helpers of firstRun.e2e.test.ts: a clone of this work tree, a process tree, a command's outcome.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `git clone` of `root` into `dest`, then the work tree's uncommitted changes on top (modified and new files
 * copied, deleted ones removed): the clone is what a fresh checkout of this work would be.
 */
export function cloneWorkTree(root: string, dest: string): void {
  run('git', ['clone', '-q', root, dest]);
  const list = (flag: string) =>
    run('git', ['-C', root, 'ls-files', flag, '--exclude-standard', '-z']).split('\0').filter(Boolean);
  const deleted = new Set(list('-d'));
  for (const file of deleted) rmSync(join(dest, file), { force: true });
  for (const file of [...list('-m'), ...list('-o')].filter((f) => !deleted.has(f))) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(join(root, file), join(dest, file));
  }
}

function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Every process below `pid` (children, grandchildren …), from /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process exited while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

export interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

/** Runs `npm <args>` in `cwd` to its end (or kills it after `timeoutMs`), with its output. */
export function npm(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (d: Buffer) => {
        output += d.toString();
      });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The environment of a new user's shell: none of the test runner's infrastructure variables, none of npm's,
 * and no `node_modules/.bin` on the PATH (so `node` is the machine's own, as on a fresh machine).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|INIT_CWD$|DATABASE_URL$|PULSAR_(ADMIN_)?URL$|ALPES_|NODE_OPTIONS$|NODE$)/.test(key)) continue;
    env[key] =
      key === 'PATH'
        ? value
            ?.split(':')
            .filter((dir) => !dir.includes('node_modules'))
            .join(':')
        : value;
  }
  return { ...env, ...extra };
}

/** Polls `done` every 200 ms; fails with `why()` after `timeoutMs`, or at once when `gaveUp()` holds. */
export async function until(
  done: () => boolean,
  timeoutMs: number,
  why: () => string,
  gaveUp: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (gaveUp() || Date.now() > deadline) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

import { spawn, type ChildProcess } from 'node:child_process';

// The child runs under a small shell watchdog that holds the read end of a pipe whose write end
// only this Node process has. When this process dies for any reason, SIGKILL included, the pipe
// closes, the watchdog sees EOF and stops the child: no orphan JVM or postgres is ever left.
// SIGTERM/SIGINT to the watchdog stop the child gracefully; SIGUSR1 kills it with SIGKILL
// (used by tests that simulate a crash).
const WATCHDOG = String.raw`
exec 3<&0
"$@" </dev/null &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
trap 'kill -KILL "$child" 2>/dev/null' USR1
( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null; sleep "$GUARD_GRACE"; kill -KILL "$child" 2>/dev/null ) &
watcher=$!
status=0
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

export interface GuardedOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly uid?: number;
  readonly gid?: number;
  /** File descriptors (or 'ignore'/'inherit') for the child's stdout and stderr. */
  readonly stdout?: number | 'ignore' | 'inherit' | 'pipe';
  readonly stderr?: number | 'ignore' | 'inherit' | 'pipe';
  /** Seconds between SIGTERM and SIGKILL when the parent dies. */
  readonly graceSeconds?: number;
}

export function guardedSpawn(command: string, args: readonly string[], options: GuardedOptions = {}): ChildProcess {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'guard', command, ...args], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), GUARD_GRACE: String(options.graceSeconds ?? 10) },
    stdio: ['pipe', options.stdout ?? 'ignore', options.stderr ?? 'ignore'],
    uid: options.uid,
    gid: options.gid,
  });
  // The pipe is the lifeline; it must not keep the event loop alive on its own.
  const stdin = child.stdin as
    (NodeJS.WritableStream & { unref?: () => void; _handle?: { unref?: () => void } }) | null;
  stdin?._handle?.unref?.();
  return child;
}

/** Resolves when the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Graceful stop: SIGTERM, then SIGKILL of the child after `graceMs`. */
export async function stopGuarded(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGUSR1'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Crash simulation: the guarded child gets SIGKILL. */
export async function killGuarded(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGUSR1');
  await exited(child);
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

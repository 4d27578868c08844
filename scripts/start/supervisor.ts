import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { styleText } from 'node:util';
import { waitForHealth } from '@alpes/infra';

export interface ProcessSpec {
  readonly name: string;
  /** Entry point, relative to the repository root. */
  readonly main: string;
  readonly env: Record<string, string>;
  /** URL that answers 200 when the process is healthy. */
  readonly health: string;
  /** The instance id the process's `/health` answers with (`ALPES_INSTANCE_ID` in `env`). */
  readonly instance: string;
}

interface Options {
  readonly root: string;
  readonly env: Record<string, string>;
}

const COLOURS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const;
const MAX_BACKOFF_MS = 30_000;

/** Runs child processes with prefixed, coloured logs; a crashed child is restarted with backoff. */
export function createSupervisor(options: Options) {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let colour = 0;

  const start = (spec: ProcessSpec, attempt = 0) => {
    const prefix = styleText(COLOURS[colour++ % COLOURS.length] ?? 'cyan', `[${spec.name}]`.padEnd(14));
    const launch = (tries: number) => {
      const child = spawn(process.execPath, [join(options.root, spec.main)], {
        cwd: options.root,
        env: { ...process.env, ...options.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(spec.name, child);
      const started = Date.now();
      for (const stream of [child.stdout, child.stderr])
        createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
      child.on('exit', (code, signal) => {
        children.delete(spec.name);
        if (stopping) return;
        // A child that ran for a minute starts its backoff over.
        const next = Date.now() - started > 60_000 ? 0 : tries + 1;
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** next);
        console.log(`${prefix} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s`);
        setTimeout(() => {
          if (!stopping) launch(next);
        }, delay);
      });
    };
    launch(attempt);
  };

  const whenHealthy = async (specs: readonly ProcessSpec[]) => {
    await Promise.all(
      specs.map((spec) =>
        waitForHealth({
          what: spec.name,
          url: spec.health,
          instance: spec.instance,
          timeoutMs: 120_000,
          intervalMs: 500,
        }),
      ),
    );
  };

  const stopAll = async () => {
    stopping = true;
    // Reverse order of creation: the BFF first, the relay last (it drains what the others wrote).
    for (const [name, child] of [...children.entries()].reverse()) {
      await stopChild(child);
      children.delete(name);
    }
  };

  return { start, whenHealthy, stopAll };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

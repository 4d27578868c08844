import type { Logger } from './logger.ts';
import { watchParent } from './parentWatch.ts';

type Step = readonly [name: string, close: () => Promise<unknown>];

/**
 * Graceful shutdown: on SIGTERM or SIGINT (or when the harness that started the process is gone,
 * `watchParent`), close what was created in reverse order of creation (STYLE.md), each step bounded, then exit. Register steps as their resources are created.
 */
export function createShutdown(log: Logger, timeoutMs = 15_000) {
  const steps: Step[] = [];
  let running = false;
  const run = async (signal: string, exitCode = 0) => {
    if (running) return;
    running = true;
    log('info', `${signal}: shutting down`);
    for (const [name, close] of [...steps].reverse()) {
      try {
        await Promise.race([
          close(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs)),
        ]);
      } catch (error) {
        log('warn', `closing ${name} failed`, { error: (error as Error).message });
      }
    }
    log(exitCode === 0 ? 'info' : 'error', 'stopped', { exitCode });
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void run('SIGTERM'));
  process.on('SIGINT', () => void run('SIGINT'));
  watchParent((reason) => void run(reason));
  return {
    add: (name: string, close: () => Promise<unknown>) => {
      steps.push([name, close]);
    },
    run,
    /** Closes everything, then exits non-zero (a failure the supervisor must see, such as a dead consumer). */
    fail: (reason: string) => run(reason, 1),
  };
}

/** Exits non-zero with the reason when start-up fails (STYLE.md). */
export function failStartup(service: string, error: unknown): never {
  console.error(`${service} could not start: ${(error as Error).message}`);
  process.exit(1);
}

import { setTimeout as sleep } from 'node:timers/promises';
import { isConcurrencyError } from '../concurrencyError.ts';

export interface RetryOptions {
  /** Attempts in all, the first included (default 8). */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled each time and jittered ×[0.5, 1.5) (default 5 ms, capped at 500 ms). */
  readonly baseDelayMs?: number;
}

/** Thrown inside a transaction to have it rolled back and run again (e.g. a concurrent duplicate message). */
export class RetryableConflict extends Error {
  readonly code = 'RETRYABLE_CONFLICT';
}

const MAX_DELAY_MS = 500;

/** Runs `attempt` again after a jittered backoff while it fails with a concurrency conflict. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = isConcurrencyError(error) || error instanceof RetryableConflict;
      if (!retryable || n >= maxAttempts) throw error;
      await sleep(backoffMs(n, options.baseDelayMs ?? 5));
    }
  }
}

/** Delay after the `failures`-th failure: exponential, capped, with jitter so racing writers spread out. */
export function backoffMs(failures: number, baseDelayMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** (failures - 1));
  return Math.round(exponential * (0.5 + random()));
}

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Returns true when ready. Exceptions count as "not yet". */
  readonly probe: () => Promise<boolean>;
  /** Returns an explanation when waiting is pointless (e.g. the process died). */
  readonly failFast?: () => string | undefined;
}

/** Polls until `probe` holds; fails with a message naming what was awaited. */
export async function waitFor(options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const reason = options.failFast?.();
    if (reason) throw new Error(`${options.what} did not come up: ${reason}`);
    if (await options.probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${options.what} not ready after ${options.timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

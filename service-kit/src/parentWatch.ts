/**
 * When `ALPES_PARENT_PID` is set (by `npm start` and the test and benchmark harnesses, which start the system
 * as child processes), the process shuts down gracefully once that parent is gone — SIGKILLed or crashed,
 * when it could not stop its children itself — instead of living on as an orphan that retries its
 * connections for ever. Deployed processes (containers, Cloud Run) do not set it.
 */
export function watchParent(
  onGone: (reason: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  intervalMs = 1000,
): void {
  const parent = Number(env['ALPES_PARENT_PID']);
  if (!Number.isInteger(parent) || parent <= 0) return;
  const timer = setInterval(() => {
    // An orphan is adopted by another process (init or a subreaper): its parent id changes.
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone(`parent process ${parent} exited`);
  }, intervalMs);
  timer.unref();
}

/**
 * The instance id the supervisor (`npm start`, a test or benchmark harness) handed this process in
 * `ALPES_INSTANCE_ID`; `/health` answers with it, so the supervisor knows the answer comes from the process it
 * started and not from another program on the same port. Undefined when deployed.
 */
export function supervisedInstance(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['ALPES_INSTANCE_ID'] || undefined;
}

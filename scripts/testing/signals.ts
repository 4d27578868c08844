/** Ctrl-C or SIGTERM during a run stops the infrastructure before exiting. */
export function installSignalHandlers(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[test] ${signal}: stopping PostgreSQL and Pulsar …`);
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

export interface Progress {
  update(done: number, failed: number): void;
  /** Clears the bar and writes the summary line. */
  finish(done: number, failed: number): void;
}

const WIDTH = 30;

/**
 * A bar redrawn in place on a terminal (at most 10 times a second); elsewhere a plain line every `everyMs`, so a
 * CI log or a pipe gets readable progress. Both on stderr: stdout stays for `--dry-run` records.
 */
export function createProgress(options: {
  total: number;
  stream: NodeJS.WriteStream;
  label: string;
  everyMs?: number;
}): Progress {
  const { total, stream, label } = options;
  const tty = stream.isTTY === true;
  const started = Date.now();
  let last = tty ? 0 : started;
  const rate = (done: number) => done / Math.max((Date.now() - started) / 1000, 0.001);
  const line = (done: number, failed: number) =>
    `${done}/${total} sent${failed > 0 ? `, ${failed} failed` : ''}, ${rate(done).toFixed(1)} msg/s`;
  return {
    update(done, failed) {
      const now = Date.now();
      if (now - last < (tty ? 100 : (options.everyMs ?? 2000))) return;
      last = now;
      if (!tty) {
        stream.write(`[send-events] ${line(done, failed)}\n`);
        return;
      }
      const filled = Math.round(((done + failed) / total) * WIDTH);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${line(done, failed)}\x1b[K`);
    },
    finish(done, failed) {
      if (tty) stream.write('\r\x1b[K');
      const seconds = (Date.now() - started) / 1000;
      stream.write(
        `[send-events] ${label}: sent ${done}, failed ${failed}, ${rate(done).toFixed(1)} msg/s in ${seconds.toFixed(1)} s\n`,
      );
    },
  };
}

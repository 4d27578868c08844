/**
 * Runs the work of one key one at a time, in call order; different keys run concurrently. A process that
 * consumes several topics about the same aggregate (the saga: a registration's start and its steps' outcomes
 * arrive on different topics) serialises them here instead of racing on the stream's version: a lost race
 * fails a whole (group) commit, and every request in it is read, decided and written again.
 */
export function serialByKey(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key);
    const run = previous ? previous.then(work) : work();
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/**
 * Calls made in the same turn of the event loop (the concurrent handlers of a busy consumer) run as one
 * grouped call, up to `max` at a time: one round trip and one statement's overhead for all of them. When the
 * grouped call fails, each call runs again on its own, so each gets its own outcome (a conflict belongs to
 * one request, not to the others it travelled with). `runAll` returns one result per request, in order.
 */
export function groupByTurn<Request, Result>(
  runAll: (requests: readonly Request[]) => Promise<Result[]>,
  max = 16,
): (request: Request) => Promise<Result> {
  interface Waiting {
    request: Request;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }
  let queue: Waiting[] = [];
  let scheduled = false;

  const alone = (w: Waiting) => runAll([w.request]).then((results) => w.resolve(results[0] as Result), w.reject);
  const together = async (group: Waiting[]) => {
    if (group.length === 1 && group[0]) return alone(group[0]);
    let results: Result[];
    try {
      results = await runAll(group.map((w) => w.request));
    } catch {
      await Promise.all(group.map(alone));
      return;
    }
    group.forEach((w, i) => w.resolve(results[i] as Result));
  };
  const flush = () => {
    scheduled = false;
    const waiting = queue;
    queue = [];
    for (let i = 0; i < waiting.length; i += max) void together(waiting.slice(i, i + max));
  };
  return (request) =>
    new Promise((resolve, reject) => {
      queue.push({ request, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      setImmediate(flush);
    });
}

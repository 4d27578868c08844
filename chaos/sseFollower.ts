import { createParser } from 'eventsource-parser';

/** What one dashboard client saw on one BFF's `/stream`. */
export interface Followed {
  readonly bff: string;
  /**
   * From when its view is whole (epoch ms): its last connection opened without a `Last-Event-ID` (a client that
   * had received nothing yet has nothing to resume from); sagas that started later must have been seen whole.
   * Infinity when it never connected.
   */
  readonly since: number;
  /** Per saga, the `evento` of every transition received, in order. */
  readonly transitions: ReadonlyMap<string, readonly string[]>;
  readonly reconnects: number;
  /** `event: reset` frames: the BFF could not replay what was missed (the client would reload its state). */
  readonly resets: number;
  /** Each connection: when (s after `since`), the answer, the `Last-Event-ID` sent, the events it carried. */
  readonly connections: readonly string[];
}

export interface Follower {
  stop(): Followed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A dashboard's `EventSource` on one BFF's anonymous stream (transitions carry no personal data): it
 * reconnects whenever the stream ends or the BFF is down, sending the last event id it received
 * (`Last-Event-ID`), as a browser does.
 */
export function followStream(bff: string): Follower {
  const transitions = new Map<string, string[]>();
  const started = Date.now();
  let since = Number.POSITIVE_INFINITY;
  let lastEventId: string | undefined;
  let reconnects = -1;
  let resets = 0;
  let stopped = false;
  const connections: string[] = [];
  const abort = new AbortController();
  const parser = createParser({
    onEvent: (event) => {
      if (event.id) lastEventId = event.id;
      if (event.event === 'reset') resets++;
      const data = parse(event.data);
      if (data?.id_correlacion && data.evento)
        transitions.set(data.id_correlacion, [...(transitions.get(data.id_correlacion) ?? []), data.evento]);
    },
  });
  const count = () => [...transitions.values()].reduce((sum, list) => sum + list.length, 0);
  const loop = async () => {
    while (!stopped) {
      reconnects++;
      const at = `+${((Date.now() - started) / 1000).toFixed(1)} s after ${lastEventId ?? '(none)'}`;
      const before = count();
      try {
        const response = await fetch(`${bff}/stream`, {
          headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: abort.signal,
        });
        parser.reset();
        if (response.ok && lastEventId === undefined) since = Date.now();
        if (response.ok && response.body)
          for await (const chunk of response.body) parser.feed(Buffer.from(chunk).toString());
        connections.push(`${at}: ${response.status}, ${count() - before} events`);
      } catch (error) {
        // Down or cut: reconnect below, as an EventSource does after its `retry:` delay.
        connections.push(`${at}: ${(error as Error).message}, ${count() - before} events`);
      }
      if (!stopped) await sleep(1000);
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
      abort.abort();
      return { bff, since, transitions, reconnects: Math.max(0, reconnects), resets, connections };
    },
  };
}

function parse(text: string): { id_correlacion?: string; evento?: string } | undefined {
  try {
    return JSON.parse(text) as { id_correlacion?: string; evento?: string };
  } catch {
    return undefined;
  }
}

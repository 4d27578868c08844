// An SSE client over node:http, to see exactly what goes on the wire: eventsource-parser (WHATWG HTML §9.2.6)
// splits the bytes into events, comments and `retry:`; no EventSource reconnects behind the test's back.
import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseReader {
  readonly response: IncomingMessage;
  readonly events: SseEvent[];
  readonly comments: string[];
  readonly retry: number | undefined;
  /** Resolves once `count` events arrived (rejects after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the connection. */
  ended(): Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      resolve(reader(req, response));
    });
    req.on('error', reject);
    req.end();
  });
}

function reader(req: ClientRequest, response: IncomingMessage): SseReader {
  const state = { events: [] as SseEvent[], comments: [] as string[], retry: undefined as number | undefined };
  let done = false;
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent: (event) => {
      state.events.push({ id: event.id, event: event.event ?? 'message', data: event.data });
    },
    onComment: (comment) => {
      state.comments.push(comment.trim());
    },
    onRetry: (ms) => {
      state.retry = ms;
    },
  });
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    parser.feed(chunk);
    for (const wake of waiters) wake();
  });
  const finish = (): void => {
    done = true;
    for (const wake of waiters) wake();
  };
  response.on('end', finish);
  response.on('close', finish);
  const until = (ready: () => boolean, what: string, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${state.events.length} events`));
      }, timeoutMs);
      const check = (): void => {
        if (ready()) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      check();
    });
  return {
    response,
    events: state.events,
    comments: state.comments,
    get retry() {
      return state.retry;
    },
    waitForEvents: async (count, timeoutMs = 10_000) => {
      await until(() => state.events.length >= count, `${count} events`, timeoutMs);
      return state.events.slice(0, count);
    },
    ended: () => until(() => done, 'the end of the stream', 15_000),
    close: () => {
      req.destroy();
    },
  };
}

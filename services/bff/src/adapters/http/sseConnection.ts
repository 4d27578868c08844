import type { ServerResponse } from 'node:http';
import { compareMessageIds } from '@alpes/pulsar';
import type { MessageId } from '@alpes/pulsar';
import { RESET_FRAME, sseFrame } from '../stream/streamEvent.ts';
import type { StreamEvent, StreamView } from '../stream/streamEvent.ts';

export type CloseReason = 'client' | 'slow' | 'shutdown' | 'error';

export interface SseConnectionOptions {
  /** Bytes a client may leave unread in the server's socket buffer; past it the client is dropped. */
  readonly maxBufferedBytes: number;
  /** Live events held while the client catches up; past it the client is dropped. */
  readonly maxPending: number;
  readonly heartbeatMs: number;
  /** Where the client already is (its `Last-Event-ID`): nothing at or before it is sent again. */
  readonly after: MessageId | undefined;
  /** Operators and the saga's registrant get `full`, strangers `public`. */
  readonly view: StreamView;
  readonly onSent: () => void;
  readonly onClose: (reason: CloseReason) => void;
}

export interface SseConnection {
  /** A live event: sent now, or held until `goLive` while catching up. */
  live(event: StreamEvent): void;
  /** A missed event during the catch-up; waits while the client reads slower than we write. */
  replay(event: StreamEvent): Promise<void>;
  /** A live-only frame without `id:` (contract events): written now, never replayed, never moves the resume point. */
  note(frame: string): void;
  /** The resume point is beyond the replay window: tells the client to reload its state (then `goLive`). */
  reset(): void;
  /** Ends the catch-up: sends the held live events (skipping those already replayed), then streams live. */
  goLive(): void;
  close(reason: CloseReason): void;
  readonly closed: boolean;
}

/**
 * One client of `GET /stream`. Memory per client is bounded twice: by `maxPending` events while it catches up
 * and by `maxBufferedBytes` of unread output; a client over either is dropped, and its EventSource reconnects
 * with `Last-Event-ID` and misses nothing. Events go out in message-id order, each at most once.
 */
export function openSseConnection(raw: ServerResponse, options: SseConnectionOptions): SseConnection {
  let lastSent = options.after;
  let catchingUp = true;
  let closed = false;
  const pending: StreamEvent[] = [];
  const close = (reason: CloseReason): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    // A slow client's buffered output is thrown away at once; others get what is buffered.
    if (reason === 'slow') raw.destroy();
    else raw.end();
    options.onClose(reason);
  };
  const write = boundedWriter(raw, options.maxBufferedBytes, () => close('slow'));
  const send = (event: StreamEvent): void => {
    if (closed || (lastSent !== undefined && compareMessageIds(event.messageId, lastSent) <= 0)) return;
    lastSent = event.messageId;
    write(sseFrame(event, options.view));
    options.onSent();
  };
  const heartbeat = setInterval(() => {
    if (!closed) write(': heartbeat\n\n');
  }, options.heartbeatMs);
  raw.on('close', () => close('client'));
  raw.on('error', () => close('error'));
  return {
    live: (event) => {
      if (!catchingUp) return send(event);
      pending.push(event);
      if (pending.length > options.maxPending) close('slow');
    },
    replay: async (event) => {
      send(event);
      await drained(raw);
    },
    note: (frame) => {
      if (closed) return;
      write(frame);
      options.onSent();
    },
    reset: () => {
      if (!closed) write(RESET_FRAME);
    },
    goLive: () => {
      catchingUp = false;
      for (const event of pending.splice(0)) send(event);
    },
    close,
    get closed() {
      return closed;
    },
  };
}

/**
 * Writes, and calls `onSlow` when more than `maxBytes` stay unread. Node corks the socket until the next
 * tick, so a burst counts as unread until then: the check runs after it (setImmediate).
 */
function boundedWriter(raw: ServerResponse, maxBytes: number, onSlow: () => void): (chunk: string) => void {
  let checking = false;
  return (chunk) => {
    raw.write(chunk);
    if (checking || raw.writableLength <= maxBytes) return;
    checking = true;
    setImmediate(() => {
      checking = false;
      if (raw.writableLength > maxBytes && !raw.destroyed) onSlow();
    });
  };
}

/** Backpressure for the catch-up: after a write the stream asked to wait for, wait for 'drain' (or the end). */
function drained(raw: ServerResponse): Promise<void> {
  if (!raw.writableNeedDrain || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

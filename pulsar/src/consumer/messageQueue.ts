import { Deque } from '../deque.ts';
import { PulsarError } from '../errors.ts';
import type { ReceivedMessage } from './message.ts';

type Waiter<T> = { resolve: (m: ReceivedMessage<T>) => void; reject: (e: Error) => void; done: boolean };

/** Prefetched messages of all partitions, handed to `take()` callers in arrival order. */
export class MessageQueue<T> {
  private items = new Deque<ReceivedMessage<T>>();
  private readonly waiters = new Deque<Waiter<T>>();
  private closedWith: Error | undefined;

  get length(): number {
    return this.items.length;
  }

  push(m: ReceivedMessage<T>): void {
    let w = this.waiters.shift();
    while (w?.done) w = this.waiters.shift();
    if (!w) return this.items.push(m);
    w.done = true;
    w.resolve(m);
  }

  /** The next message; with `timeoutMs`, rejects with Timeout (and gives up its place) if none arrives. */
  take(timeoutMs?: number): Promise<ReceivedMessage<T>> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const m = this.items.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      const w: Waiter<T> = { resolve, reject, done: false };
      this.waiters.push(w);
      if (timeoutMs === undefined) return;
      const timer = setTimeout(() => {
        if (w.done) return;
        w.done = true;
        reject(new PulsarError('Timeout', `no message within ${timeoutMs} ms`));
      }, timeoutMs);
      w.resolve = (msg) => {
        clearTimeout(timer);
        resolve(msg);
      };
    });
  }

  /** Drops the queued messages that `owner` delivered; returns how many. */
  removeOwnedBy(owner: unknown): number {
    const keep = new Deque<ReceivedMessage<T>>();
    let removed = 0;
    for (const m of this.items) {
      if (m.owner === owner) removed++;
      else keep.push(m);
    }
    this.items = keep;
    return removed;
  }

  close(what: string): void {
    this.closedWith = new PulsarError('AlreadyClosed', `${what} is closed`);
    for (const w of this.waiters.drain()) if (!w.done) w.reject(this.closedWith);
  }
}

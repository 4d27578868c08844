import { Deque } from '../deque.ts';
import type { MessageIdData } from '../proto/types.ts';

/**
 * Nacked entries wait `delayMs`, then are redelivered together. Every nack has the same delay, so the
 * queue is in deadline order and one timer (for the head) serves them all.
 */
export class NackTracker {
  private readonly queue = new Deque<{ id: MessageIdData; at: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly delayMs: number;
  private readonly redeliver: (ids: MessageIdData[]) => void;

  constructor(delayMs: number, redeliver: (ids: MessageIdData[]) => void) {
    this.delayMs = delayMs;
    this.redeliver = redeliver;
  }

  add(id: MessageIdData): void {
    this.queue.push({ id, at: Date.now() + this.delayMs });
    this.arm();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const head = this.queue.peek();
    if (this.timer || !head) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, head.at - Date.now()));
  }

  private fire(): void {
    this.timer = undefined;
    const now = Date.now();
    const seen = new Set<string>();
    const ids: MessageIdData[] = [];
    for (let n = this.queue.peek(); n && n.at <= now; n = this.queue.peek()) {
      this.queue.shift();
      const k = `${String(n.id.ledgerId)}:${String(n.id.entryId)}`;
      if (!seen.has(k)) ids.push(n.id);
      seen.add(k);
    }
    if (ids.length) this.redeliver(ids);
    this.arm();
  }
}

import type { MessageIdData } from '../proto/types.ts';

/**
 * Nacked entries wait their delay, then are redelivered together. Delays differ per message (backoff by
 * redelivery count), so entries are kept sorted by deadline and one timer, for the earliest, serves all.
 */
/** The delay before a nacked message comes back: fixed, or growing with its redeliveries (`nackBackoff`). */
export function nackDelay(
  opts: {
    readonly nackRedeliveryDelayMs: number;
    readonly nackBackoff: { multiplier: number; maxDelayMs: number } | undefined;
  },
  redeliveries: number,
): number {
  const { nackRedeliveryDelayMs: base, nackBackoff: backoff } = opts;
  return backoff ? Math.min(backoff.maxDelayMs, base * backoff.multiplier ** redeliveries) : base;
}

export class NackTracker {
  private readonly pending: { id: MessageIdData; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly redeliver: (ids: MessageIdData[]) => void;

  constructor(redeliver: (ids: MessageIdData[]) => void) {
    this.redeliver = redeliver;
  }

  /** Schedules `id`'s redelivery; an entry already waiting keeps its place (it is redelivered once). */
  add(id: MessageIdData, delayMs: number): void {
    if (this.pending.some((p) => sameEntry(p.id, id))) return;
    const at = Date.now() + delayMs;
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1]?.at ?? 0) > at) i--;
    this.pending.splice(i, 0, { id, at });
    this.arm();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private arm(): void {
    const head = this.pending[0];
    if (!head || head.at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = head.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, head.at - Date.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    const ids: MessageIdData[] = [];
    while ((this.pending[0]?.at ?? Infinity) <= now) ids.push((this.pending.shift() as { id: MessageIdData }).id);
    if (ids.length) this.redeliver(ids);
    this.arm();
  }
}

function sameEntry(a: MessageIdData, b: MessageIdData): boolean {
  return String(a.ledgerId) === String(b.ledgerId) && String(a.entryId) === String(b.entryId);
}

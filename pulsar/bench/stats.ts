/** Throughput and latency figures of one benchmark phase, the same shape for both clients. */
export interface PhaseResult {
  readonly msgPerSec: number;
  /** Payload MiB/s (message count × message size). */
  readonly mibPerSec: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly messages: number;
}

export const MESSAGE_SIZE = 1024;

/**
 * Sustained rate from per-second samples: the first two (JVM/JIT and connection warm-up) are dropped, and so is
 * every sample from the first one below 10 % of the best so far (the backlog ran dry, or the phase was ending).
 */
export function sustainedRate(samples: readonly number[]): number {
  const steady = samples.slice(2);
  let best = 0;
  const kept: number[] = [];
  for (const s of steady) {
    if (kept.length > 0 && s < 0.1 * best) break;
    best = Math.max(best, s);
    kept.push(s);
  }
  return kept.length === 0 ? 0 : kept.reduce((a, b) => a + b, 0) / kept.length;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function fromRate(
  msgPerSec: number,
  messages: number,
  latencies?: { p50Ms: number; p99Ms: number },
): PhaseResult {
  return { msgPerSec, mibPerSec: (msgPerSec * MESSAGE_SIZE) / 2 ** 20, messages, ...latencies };
}

/** Collects latencies (ms) into a growable Float64Array. */
export class Latencies {
  private values = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.n++] = ms;
  }

  summary(): { p50Ms: number; p99Ms: number } {
    const sorted = this.values.slice(0, this.n).sort();
    return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  }
}

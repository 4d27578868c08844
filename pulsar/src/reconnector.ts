import { Backoff, sleep } from './backoff.ts';
import type { ClientContext } from './context.ts';
import { isPulsarError, isRetryable, PulsarError } from './errors.ts';

/**
 * Runs `connect` until it succeeds: at start (retrying only transient errors, within the operation timeout)
 * and after every disconnect (retrying with exponential backoff and jitter until stopped or a fatal error).
 */
export class Reconnector {
  private running = false;
  private again = false;
  private stopped = false;
  private readonly ctx: ClientContext;
  private readonly what: string;
  private readonly connect: () => Promise<void>;
  private readonly onFatal: (e: PulsarError) => void;
  private readonly isConnected: () => boolean;

  constructor(
    ctx: ClientContext,
    what: string,
    hooks: { connect: () => Promise<void>; onFatal: (e: PulsarError) => void; isConnected: () => boolean },
  ) {
    this.ctx = ctx;
    this.what = what;
    this.connect = hooks.connect;
    this.onFatal = hooks.onFatal;
    this.isConnected = hooks.isConnected;
  }

  async start(): Promise<void> {
    const backoff = new Backoff(this.ctx.backoff);
    const deadline = Date.now() + this.ctx.operationTimeoutMs;
    this.running = true;
    for (;;) {
      try {
        this.again = false;
        await this.connect();
        break;
      } catch (e) {
        if (!startRetryable(e) || Date.now() + 50 > deadline) {
          this.running = false;
          throw e;
        }
        await sleep(Math.min(backoff.next(), Math.max(0, deadline - Date.now())));
      }
    }
    this.running = false;
    if (this.again) this.trigger('connection lost while connecting');
  }

  trigger(reason: string): void {
    this.again = this.running;
    if (this.running || this.stopped || this.isConnected()) return;
    this.ctx.logger.info({ what: this.what, reason }, 'pulsar reconnecting');
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    this.running = true;
    const backoff = new Backoff(this.ctx.backoff);
    while (!this.stopped) {
      await sleep(backoff.next());
      if (this.stopped) break;
      try {
        this.again = false;
        await this.connect();
        if (!this.isConnected()) continue;
        this.ctx.logger.info({ what: this.what }, 'pulsar reconnected');
        break;
      } catch (e) {
        if (!isRetryable(e)) {
          this.stopped = true;
          this.onFatal(isPulsarError(e) ? e : new PulsarError('UnknownError', String(e), { cause: e }));
          break;
        }
        this.ctx.logger.warn({ what: this.what, err: (e as Error).message }, 'pulsar reconnect failed; retrying');
      }
    }
    this.running = false;
  }
}

function startRetryable(e: unknown): boolean {
  if (!isPulsarError(e)) return false;
  return ['ServiceNotReady', 'TooManyRequests', 'NotConnected', 'MetadataError', 'LookupFailed'].includes(e.code);
}

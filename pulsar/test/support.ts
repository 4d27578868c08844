import { testAdmin, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { createPulsarClient } from '../src/index.ts';
import type { Consumer, Message, PulsarClient, Reader } from '../src/index.ts';

export { testAdmin, uniqueTopic };

export function newClient(): PulsarClient {
  return createPulsarClient({
    serviceUrl: testInfra().pulsarUrl,
    operationTimeoutMs: 10_000,
    backoff: { initialMs: 50, maxMs: 1000 },
  });
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Receives `n` messages (acking each unless told not to), failing after `ms`. */
export async function receiveN<T>(
  c: Consumer<T> | Reader<T>,
  n: number,
  opts: { ack?: boolean; ms?: number } = {},
): Promise<Message<T>[]> {
  const out: Message<T>[] = [];
  const ms = opts.ms ?? 10_000;
  const next = (): Promise<Message<T>> => ('readNext' in c ? c.readNext(ms) : c.receive(ms));
  while (out.length < n) {
    const m = await next().catch((e: unknown) => {
      throw new Error(`waiting for message ${out.length + 1} of ${n}: ${String(e)}`);
    });
    if (opts.ack ?? true) m.ack();
    out.push(m);
  }
  return out;
}

/** Resolves with the next message if one arrives within `ms`, else undefined. */
export async function maybeReceive<T>(c: Consumer<T>, ms: number): Promise<Message<T> | undefined> {
  return c.receive(ms).catch(() => undefined);
}

export function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

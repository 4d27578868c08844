import { readFileSync } from 'node:fs';
import { schemaText } from '@alpes/contracts';
import { avroSchema, createPulsarClient, isPulsarError, type Producer } from '@alpes/pulsar';
import type { Options } from './options.ts';
import type { WireRecord } from './presets.ts';
import type { Progress } from './progress.ts';
import type { Messages } from './records.ts';
import { UsageError } from './usageError.ts';

/** The broker could not be reached (exit code 3). */
export class CannotConnect extends Error {
  override readonly name = 'CannotConnect';
}

export interface PublishResult {
  readonly sent: number;
  readonly failed: number;
  readonly firstError: string | undefined;
}

/** Sends the client does not wait for at once; the client has no bound of its own (pulsar README, Limits). */
const MAX_IN_FLIGHT = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openProducer(
  options: Options,
  client: ReturnType<typeof createPulsarClient>,
): Promise<Producer<WireRecord>> {
  const schema = avroSchema<WireRecord>(schemaText(options.schemaTopic, options.version));
  try {
    return await client.createProducer({ topic: options.topic, schema, sendTimeoutMs: options.timeoutMs });
  } catch (error) {
    if (isPulsarError(error, 'IncompatibleSchema')) {
      throw new UsageError(
        `${options.topic} holds a schema incompatible with ${options.schemaTopic} ${options.version}: ${(error as Error).message}`,
      );
    }
    throw new CannotConnect(`cannot publish to ${options.topic} at ${options.pulsarUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Publishes `count` messages, at most `rate` per second, each counted as sent once the broker's receipt arrives.
 * A failed send is counted and the run goes on; the first error is kept for the summary.
 */
export async function publish(
  options: Options,
  run: { messages: Messages; count: number; progress: Progress },
): Promise<PublishResult> {
  const client = createPulsarClient({
    serviceUrl: options.pulsarUrl,
    token: options.token,
    operationTimeoutMs: options.timeoutMs,
    tls: options.tlsCaFile ? { ca: readFileSync(options.tlsCaFile) } : undefined,
  });
  let sent = 0;
  let failed = 0;
  let firstError: string | undefined;
  try {
    const producer = await openProducer(options, client);
    const inFlight = new Set<Promise<void>>();
    const started = Date.now();
    for (let i = 0; i < run.count; i++) {
      if (options.rate !== undefined) await sleep(started + (i * 1000) / options.rate - Date.now());
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const { record, key, eventTime } = run.messages(i);
      const sending = producer
        .send({ value: record, key, eventTime })
        .then(
          () => {
            sent++;
          },
          (error: unknown) => {
            failed++;
            firstError ??= (error as Error).message;
          },
        )
        .finally(() => {
          inFlight.delete(sending);
          run.progress.update(sent, failed);
        });
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
  } finally {
    await client.close().catch(() => undefined);
  }
  return { sent, failed, firstError };
}

import { fullTopicName } from '@alpes/contracts';
import { helpText } from './help.ts';
import { parseOptions, type Options } from './options.ts';
import type { WireRecord } from './presets.ts';
import { createProgress } from './progress.ts';
import { CannotConnect, publish } from './publish.ts';
import { createRandom } from './random.ts';
import { readRecords } from './readRecords.ts';
import { messages, type Messages, type Outgoing } from './records.ts';
import { exitCodes, UsageError } from './usageError.ts';

export interface Io {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
}

function destination(options: Options): string {
  return options.topic.includes('://') ? options.topic : fullTopicName(options.topic);
}

/** Runs one command line; resolves with the exit code, throws `UsageError` / `CannotConnect`. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const options = parseOptions(argv, io.env);
  if (options === undefined) {
    io.stdout.write(helpText());
    return exitCodes.ok;
  }
  const fileRecords: readonly WireRecord[] | undefined =
    options.source.kind === 'file' ? await readRecords(options.source.path, io.stdin) : undefined;
  const count = options.count ?? fileRecords?.length ?? 1;
  const next = messages(options, { random: createRandom(options.seed), now: () => new Date(), fileRecords });
  // Every distinct input record is validated before anything is sent (fakes and samples are the same shape each time).
  const validated = new Map<number, Outgoing>();
  for (let i = 0; i < Math.min(count, fileRecords?.length ?? 1); i++) validated.set(i, next(i));
  const take: Messages = (i) => {
    const ready = validated.get(i);
    validated.delete(i);
    return ready ?? next(i);
  };
  const label = `${options.schemaTopic} ${options.version} → ${destination(options)}`;
  if (options.dryRun) {
    for (let i = 0; i < count; i++) io.stdout.write(`${JSON.stringify(take(i).record)}\n`);
    io.stderr.write(`[send-events] dry run: ${count} valid record(s) of ${label}; nothing sent\n`);
    return exitCodes.ok;
  }
  const progress = createProgress({ total: count, stream: io.stderr, label });
  const result = await publish(options, { messages: take, count, progress });
  progress.finish(result.sent, result.failed);
  if (result.failed === 0) return exitCodes.ok;
  io.stderr.write(`[send-events] first failure: ${result.firstError ?? 'unknown'}\n`);
  return exitCodes.someFailed;
}

/** `run` with every failure turned into its exit code and a message on stderr (no stack for expected failures). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`send-events: ${error.message}\n(send-events --help for usage)\n`);
      return exitCodes.usage;
    }
    if (error instanceof CannotConnect) {
      io.stderr.write(`send-events: ${error.message}\n`);
      return exitCodes.cannotConnect;
    }
    io.stderr.write(`send-events: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.someFailed;
  }
}

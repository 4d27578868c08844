import { PassThrough } from 'node:stream';
import { main } from '../../src/run.ts';
import type { CliResult } from './cli.ts';

/** The CLI's `main` in this process: same output and exit code as the child process, without its start-up cost. */
export async function runInProcess(args: readonly string[], stdinText = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough() as unknown as NodeJS.WriteStream;
  out.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  (err as unknown as PassThrough).on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const code = await main(args, { env: {}, stdin, stdout: out, stderr: err });
  return { code, stdout, stderr };
}

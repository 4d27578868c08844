import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WireRecord } from '../../src/presets.ts';

export const mainPath = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const binPath = fileURLToPath(new URL('../../bin/send-events.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in a child process, as a user would, with only the environment given (no PULSAR_URL leaks in). */
export function cli(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string>; entry?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.entry ?? mainPath, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The JSON lines a `--dry-run` printed. */
export function recordsOf(result: CliResult): WireRecord[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as WireRecord);
}

export function dataOf(record: WireRecord): Record<string, unknown> {
  return record['data'] as Record<string, unknown>;
}

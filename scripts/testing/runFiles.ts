import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export interface FileResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
}

interface RunOptions {
  readonly env: Record<string, string>;
  readonly root: string;
}

const CONCURRENCY = Number(process.env['TEST_CONCURRENCY'] ?? 2);
const FILE_TIMEOUT_MS = Number(process.env['TEST_FILE_TIMEOUT_MS'] ?? 10 * 60_000);
const running = new Set<ChildProcess>();

/** SIGTERM to every test file still running (the run is being stopped); what they started stops with them. */
export function stopRunningFiles(): void {
  for (const child of running) child.kill('SIGTERM');
}

export async function runFiles(files: readonly string[], options: RunOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) results.push(await runFile(file, options));
  };
  await Promise.all(Array.from({ length: Math.max(1, CONCURRENCY) }, worker));
  return results;
}

function runFile(file: string, options: RunOptions): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(options.root, file)], {
      cwd: options.root,
      env: { ...process.env, ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      output += `\n[test] ${file} timed out after ${FILE_TIMEOUT_MS / 1000} s; killed`;
      child.kill('SIGKILL');
    }, FILE_TIMEOUT_MS);
    child.on('exit', (code) => {
      running.delete(child);
      clearTimeout(timer);
      const result = summarise(file, output, code);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const mark = result.failed > 0 ? '✗' : '✓';
      if (result.failed > 0) console.log(indent(output));
      console.log(`${mark} ${file}  ${result.passed} passed, ${result.failed} failed (${seconds} s)`);
      resolve(result);
    });
  });
}

function summarise(name: string, raw: string, code: number | null): FileResult {
  // uvu's closing block: "Total: N", "Passed: N", "Skipped: N".
  const output = stripVTControlCharacters(raw);
  const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(passed)) return { name, passed: 0, failed: 1 };
  const failed = total - passed;
  // A file that crashed after its summary (or exited non-zero with all passed) still fails.
  return { name, passed, failed: code === 0 ? failed : Math.max(failed, 1) };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FileResult } from './runFiles.ts';

/**
 * Type check, lint and format count as one test each in the summary. Lint errors fail; its warnings (max-lines:
 * a nudge, not a gate) are printed and pass.
 */
export async function runChecks(root: string): Promise<FileResult[]> {
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  const results: FileResult[] = [];
  for (const [name, command, args] of [
    ['typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
    ['lint (eslint)', bin('eslint'), ['.']],
    ['format (prettier --check, print width 120)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ] as const) {
    results.push(await check(name, command, [...args], root));
  }
  return results;
}

function check(name: string, command: string, args: string[], cwd: string): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => {
      output += error.message;
    });
    child.on('close', (code) => {
      const ok = code === 0;
      if (!ok || /warning/.test(output)) console.log(output);
      console.log(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
    });
  });
}

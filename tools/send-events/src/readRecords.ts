import { readFile } from 'node:fs/promises';
import type { WireRecord } from './presets.ts';
import { UsageError } from './usageError.ts';

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** One record, an array of records, or JSON lines (one record per line; blank lines skipped). */
export function parseRecords(text: string, source: string): WireRecord[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError(`${source} is empty`);
  let wholeError: string;
  try {
    const whole: unknown = JSON.parse(trimmed);
    return (Array.isArray(whole) ? whole : [whole]) as WireRecord[];
  } catch (error) {
    wholeError = (error as Error).message;
  }
  const lines = trimmed.split('\n');
  if (lines.length === 1 || !isJson(lines[0] ?? '')) {
    throw new UsageError(`${source} is not JSON (${wholeError}); expected one record, an array or JSON lines`);
  }
  return lines.flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as WireRecord];
    } catch (error) {
      throw new UsageError(
        `${source} line ${i + 1} is not JSON (${(error as Error).message}); expected one record, an array or JSON lines`,
      );
    }
  });
}

/** Records from `--file PATH` or `--file -` (standard input). */
export async function readRecords(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<WireRecord[]> {
  const source = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await readStdin(stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
  }
  const records = parseRecords(text, source);
  if (records.length === 0) throw new UsageError(`${source} holds no record`);
  return records;
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

import { startLocalInfra, type LocalInfra } from '@alpes/infra';

/** Infrastructure for a benchmark: the env's servers when set and reachable, else fresh embedded ones. */
export async function benchInfra(): Promise<LocalInfra> {
  return startLocalInfra({ profile: 'test', log: (line) => console.log(`[infra] ${line}`) });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** A markdown table from a header and rows. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

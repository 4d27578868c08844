import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SKIP = new Set(['node_modules', '.git', '.data', '.cache', 'target', 'artifacts']);

/** Every `*.test.ts` under a `test/` folder, or just the files the caller named. */
export function findTestFiles(root: string, requested: readonly string[]): string[] {
  if (requested.length > 0) return requested.map((file) => relative(root, resolve(file)));
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts') && path.includes('/test/')) found.push(relative(root, path));
    }
  };
  walk(root);
  // Whole-system tests last, after the faster tiers had their say.
  const tier = (file: string) => (file.includes('.e2e.') ? 2 : file.includes('.int.') ? 1 : 0);
  return found.sort((a, b) => tier(a) - tier(b) || a.localeCompare(b));
}

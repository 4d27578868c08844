import type { WireRecord } from './presets.ts';
import { UsageError } from './usageError.ts';

export interface Assignment {
  readonly path: readonly string[];
  readonly raw: string;
}

/** `data.nombre=Ana García` → path `['data', 'nombre']`, raw `Ana García`. */
export function parseAssignment(text: string): Assignment {
  const at = text.indexOf('=');
  const path = at < 0 ? '' : text.slice(0, at).trim();
  if (path === '' || path.split('.').some((part) => part === '')) {
    throw new UsageError(`--set expects path=value (e.g. --set data.nombre="Ana García"), got ${JSON.stringify(text)}`);
  }
  return { path: path.split('.'), raw: text.slice(at + 1) };
}

/**
 * The value of `raw`: JSON when it parses (`2500`, `null`, `["moda","arte"]`, `"600111222"`), else the text itself.
 * A number or boolean written over a string field stays text, so `--set data.telefono=600111222` keeps a string.
 */
function valueOf(raw: string, current: unknown): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw;
  }
  const scalar = typeof parsed === 'number' || typeof parsed === 'boolean';
  return scalar && typeof current === 'string' ? raw : parsed;
}

/** A copy of `record` with each assignment applied in order; intermediate objects are created as needed. */
export function applyAssignments(record: WireRecord, assignments: readonly Assignment[]): WireRecord {
  const copy = structuredClone(record);
  for (const { path, raw } of assignments) {
    let target: Record<string, unknown> = copy;
    for (const step of path.slice(0, -1)) {
      const next = target[step];
      if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
        target = next as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        target[step] = created;
        target = created;
      }
    }
    const last = path[path.length - 1] as string;
    target[last] = valueOf(raw, target[last]);
  }
  return copy;
}

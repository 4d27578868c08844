// ISO-8601 date-times as the original sent them: `T` or space separator, optional fraction, optional offset;
// a value without offset is UTC (original-system.md §4.5: the saga's naive datetimes were UTC).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Epoch milliseconds of an ISO-8601 text, or undefined when it is not a valid calendar date-time. */
export function epochDe(texto: string): number | undefined {
  const m = ISO.exec(texto.trim());
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  const valid =
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === mo - 1 &&
    check.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  return valid ? local - offsetMinutes(m[8]) * 60_000 : undefined;
}

/** The same instant as canonical ISO-8601 UTC (`2025-09-20T03:21:45.872Z`), or undefined when invalid. */
export function instanteIso(texto: string): string | undefined {
  const epoch = epochDe(texto);
  return epoch === undefined ? undefined : new Date(epoch).toISOString();
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * Whether an ISO-8601 text that matches the pattern is a real instant PostgreSQL's `timestamptz` accepts: month
 * 1–12, a day the month has, hour ≤ 23, minute and second ≤ 59, year ≥ 1 (PostgreSQL has no year 0) and an
 * offset within ±15:59. `2024-02-30`, `0000-01-01` or `+99:99` otherwise reached the cast and answered 500
 * (issue 9's fuzzer).
 */
export function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(Date.UTC(2000, (month as number) - 1, day));
  date.setUTCFullYear(year as number);
  const calendar =
    date.getUTCFullYear() === year && date.getUTCMonth() === (month as number) - 1 && date.getUTCDate() === day;
  return (
    calendar &&
    (year as number) >= 1 &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 59 &&
    (offsetHours as number) <= 15 &&
    (offsetMinutes as number) <= 59
  );
}

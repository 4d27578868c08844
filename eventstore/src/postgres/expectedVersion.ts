import { ConcurrencyError } from '../concurrencyError.ts';
import type { ExpectedVersion } from '../types.ts';

/** Throws `ConcurrencyError` when the stream's current version does not satisfy the expectation. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, current: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'no_stream' ? 0 : expected;
  if (current !== wanted) throw new ConcurrencyError(streamId, String(expected), current);
}

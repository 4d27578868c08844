/** Thrown by an append whose expected version does not match the stream's current version. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  readonly streamId: string;
  readonly expected: string;
  readonly actual: number;

  constructor(streamId: string, expected: string, actual: number) {
    super(`stream ${streamId}: expected version ${expected}, found ${actual}`);
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'CONCURRENCY_CONFLICT';
}

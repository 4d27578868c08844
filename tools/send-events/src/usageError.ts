/** Bad flags, input or records: exit code 2 with the message, never a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const exitCodes = { ok: 0, someFailed: 1, usage: 2, cannotConnect: 3 } as const;

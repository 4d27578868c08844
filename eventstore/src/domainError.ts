/**
 * The one error type for business-rule violations. Callers test the code with `isDomainError`,
 * never `instanceof` across packages and never the message text (STYLE.md).
 */
export class DomainError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly isDomainError = true;

  constructor(code: Code, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError<Code extends string>(error: unknown, code?: Code): error is DomainError<Code> {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { isDomainError?: unknown; code?: unknown };
  return (
    candidate.isDomainError === true &&
    typeof candidate.code === 'string' &&
    (code === undefined || candidate.code === code)
  );
}

/** An exact decimal as carried in `*_decimal` fields: digits, optional sign and fraction, no exponent. */
export const decimalPattern = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function isDecimalString(value: string): boolean {
  return decimalPattern.test(value);
}

/**
 * The exact amount of a message: its `*_decimal` field when present (v2), else the legacy float32 rounded to the
 * currency's scale (v1 writers sent only the float; 100.0 → "100.00", float32 0.1 → "0.10").
 */
export function amountOf(decimal: string | null, legacyFloat: number | null, scale = 2): string | null {
  if (decimal !== null) {
    if (!isDecimalString(decimal)) throw new Error(`not a decimal amount: ${JSON.stringify(decimal)}`);
    return decimal;
  }
  return legacyFloat === null ? null : legacyFloat.toFixed(scale);
}

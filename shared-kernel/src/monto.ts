// Money is an exact decimal string with two fraction digits ("100.00"), never a float (D-17): it is what the
// wire's `*_decimal` fields carry (@alpes/contracts, money.ts) and what NUMERIC(14,2) stores.
const DECIMAL = /^(0|[1-9]\d{0,11})(?:\.(\d+))?$/;

/**
 * A strictly positive amount normalised to two decimals (`"100"` → `"100.00"`, `"0.5"` → `"0.50"`), or
 * undefined when it is not a plain decimal, has non-zero digits past the cents, exceeds 12 integer digits
 * or is zero. No sign, no exponent, no thousands separators.
 */
export function montoPositivo(texto: string | null | undefined): string | undefined {
  const m = DECIMAL.exec((texto ?? '').trim());
  if (m === null) return undefined;
  const fraction = m[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) return undefined;
  const monto = `${m[1]}.${fraction.slice(0, 2).padEnd(2, '0')}`;
  return /[1-9]/.test(monto) ? monto : undefined;
}

/** ISO 4217 style: three letters, upper-cased (the original upper-cased the currency). */
export function moneda(texto: string | null | undefined): string | undefined {
  const code = (texto ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : undefined;
}

/**
 * An email as logs and error texts may show it: the first character of the local part, then `***`, then the
 * domain (`ana@example.com` → `a***@example.com`); anything that is not an email becomes `***`
 * (ARCHITECTURE invariant 7: personal data stays out of logs).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * Masks an email for texts that outlive the request (error messages stored in events, the saga log, logs):
 * the first character of the local part and the whole domain stay, so an operator can still tell addresses
 * apart, but a stranger reading the text learns no address (ARCHITECTURE §6.7, issue 16).
 * `ana.garcia@example.com` → `a***@example.com`; a text that is not an email (no local part or no domain) → `***`.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

// Permissive on purpose: anything that looks like an address in free text is masked, valid or not.
const EMAIL_IN_TEXT = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g;

/** Every email-looking word of a free text masked with `maskEmail` (texts written before the masking rule). */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (found) => maskEmail(found));
}

// Syntax close to what the BFF's JSON Schema (`format: email`, ajv-formats) accepts: an ASCII local part
// without leading, trailing or doubled dots, and a domain of at least two DNS labels.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The email lower-cased and trimmed when it is syntactically valid, else undefined. */
export function normalizarEmail(value: string | null | undefined): string | undefined {
  const email = (value ?? '').trim().toLowerCase();
  if (email.length > 254) return undefined;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const valid =
    at > 0 && local.length <= 64 && LOCAL.test(local) && labels.length >= 2 && labels.every((l) => LABEL.test(l));
  return valid ? email : undefined;
}

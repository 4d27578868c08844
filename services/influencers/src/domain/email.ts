/**
 * Domains that can never receive mail: the `.invalid` top-level domain is reserved for exactly that
 * (RFC 2606 §2, RFC 6761 §6.4). Registering such an email is the documented way to make the
 * influencer step fail from outside (README).
 */
export const dominiosBloqueados: readonly string[] = ['invalid'];

/** Whether a normalised email's domain is, or is under, a blocked domain. */
export function dominioBloqueado(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return dominiosBloqueados.some((blocked) => domain === blocked || domain.endsWith(`.${blocked}`));
}

import { createHash } from 'node:crypto';

/** Namespace of every id derived here (RFC 9562 UUIDv5); never change it, ids already on the wire depend on it. */
export const idNamespace = 'bb042a85-bb0a-4e67-9be8-a163c6b31490';

const namespaceBytes = Buffer.from(idNamespace.replaceAll('-', ''), 'hex');

/** UUIDv5 of the parts (JSON-encoded, so `['a:b']` and `['a', 'b']` differ). Same parts → same id, on any machine. */
export function deterministicId(...parts: readonly string[]): string {
  const hash = createHash('sha1').update(namespaceBytes).update(JSON.stringify(parts)).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ids every service must derive the same way (D-03, D-04): one registration (one `id_influencer`) is one saga,
 * one campaign and one contract however often any message is redelivered or republished.
 */
export const sagaIds = {
  /** The correlation id; the BFF returns it with the 202 before the saga has even started. */
  correlationId: (idInfluencer: string) => deterministicId('saga', idInfluencer),
  campanaId: (correlationId: string) => deterministicId('campana', correlationId),
  contratoId: (correlationId: string) => deterministicId('contrato', correlationId),
  /** `message_id` of every command (BFF's `CrearInfluencer`, the saga's), e.g. (`CrearCampana`, saga id). */
  commandId: (messageType: string, correlationId: string) => deterministicId('command', messageType, correlationId),
} as const;

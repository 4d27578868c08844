import { validateCrearInfluencerBody } from '@alpes/contracts';
import type { FuzzRequest } from './httpRequests.ts';

/**
 * What the BFF must answer to a `POST /influencers`, from the contracts' own strict validator (the same JSON
 * Schema, compiled independently, plus the NUL rule): `accept` (202), `reject` (4xx), or `unsure` when the content type is a
 * JSON variant whose handling HTTP leaves to the server (`application/json; charset=…`).
 */
export function expectedRegistration(request: FuzzRequest): 'accept' | 'reject' | 'unsure' {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) return 'reject';
  let body: unknown;
  try {
    body = JSON.parse(request.body ?? '');
  } catch {
    return 'reject';
  }
  if (validateCrearInfluencerBody(body).length > 0) return 'reject';
  // On top of the schema, every service refuses U+0000 (service-kit's NUL guard: PostgreSQL cannot store it).
  if (hasNul(body)) return 'reject';
  if (Buffer.byteLength(request.body ?? '') > 64 * 1024) return 'reject';
  return type === 'application/json' ? 'accept' : 'unsure';
}

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : value !== null &&
      typeof value === 'object' &&
      Object.entries(value).some(([key, inner]) => key.includes('\u0000') || hasNul(inner));

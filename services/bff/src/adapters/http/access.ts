import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** What a request may see: a stranger the public view, a registrant its own saga, an operator everything. */
export interface Access {
  /** The registrant's capability for one saga: an HMAC of its id, unguessable without the server's secret. */
  capability(sagaId: string): string;
  holdsCapability(sagaId: string, token: string | undefined): boolean;
  /** `Authorization: Bearer <operator token>`, or a valid stream ticket in `?ticket=`. */
  isOperator(request: FastifyRequest): boolean;
  /** A short-lived signed ticket for `EventSource`, which cannot send an Authorization header. */
  ticket(): { readonly ticket: string; readonly expiresAt: number };
  readonly operatorsEnabled: boolean;
}

export const TICKET_TTL_MS = 10 * 60_000;

export function createAccess(options: {
  secret: string;
  operatorToken: string | undefined;
  now?: () => number;
}): Access {
  const now = options.now ?? Date.now;
  const sign = (what: string): string => createHmac('sha256', options.secret).update(what).digest('base64url');
  const operator = options.operatorToken === undefined ? undefined : digest(options.operatorToken);
  const validTicket = (ticket: string | undefined): boolean => {
    const [expires, signature] = (ticket ?? '').split('.');
    if (expires === undefined || signature === undefined || !/^[0-9]{1,15}$/.test(expires)) return false;
    return Number(expires) > now() && same(signature, sign(`ticket:${expires}`));
  };
  return {
    capability: (sagaId) => sign(`saga:${sagaId}`),
    holdsCapability: (sagaId, token) => token !== undefined && same(token, sign(`saga:${sagaId}`)),
    isOperator: (request) => {
      if (operator === undefined) return false;
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (bearer !== undefined) return timingSafeEqual(digest(bearer), operator);
      return validTicket((request.query as { ticket?: string } | undefined)?.ticket);
    },
    ticket: () => {
      const expiresAt = now() + TICKET_TTL_MS;
      return { ticket: `${expiresAt}.${sign(`ticket:${expiresAt}`)}`, expiresAt };
    },
    operatorsEnabled: operator !== undefined,
  };
}

/** Compared through fixed-length digests, so neither the length nor the content leaks through timing. */
function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

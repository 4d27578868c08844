import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers with a Content-Security-Policy the dashboard satisfies: its script and style are files of
 * its own origin (no inline code), its requests go to the same origin, and no page may frame it (issue 16).
 */
export const securityHeaderOptions: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  // The API is read cross-origin by design (CORS); helmet's same-origin resource policy would forbid it.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // Only a deployment that serves HTTPS (gcp/) should pin it; a local http:// dashboard must not be upgraded.
  hsts: false,
};

/**
 * Every answer gets helmet's headers. Helmet works them out once, here, from the options; @fastify/helmet built a
 * new helmet (and parsed the CSP directives again) on every request — a tenth of the BFF's CPU under a flood of
 * stream connections (`npm run bench:edge`, CPU profile).
 */
export function securityHeaders(
  app: FastifyInstance,
  headers: Readonly<Record<string, string>> = staticSecurityHeaders(),
): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** Helmet's headers for `securityHeaderOptions`, worked out once. */
export function staticSecurityHeaders(): Readonly<Record<string, string>> {
  return headersOf(helmet(securityHeaderOptions));
}

/** The headers a helmet middleware sets, read once by running it on a response that is never sent. */
function headersOf(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Record<string, string> {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string) => {
      set[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      removed.push(name);
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (error) => {
    failure = error;
  });
  if (failure) throw failure as Error;
  return set;
}

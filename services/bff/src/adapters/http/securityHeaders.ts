import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Helmet's headers with a Content-Security-Policy the dashboard satisfies: its script and style are files of
 * its own origin (no inline code), its requests go to the same origin, and no page may frame it (issue 16).
 */
export const securityHeaders: FastifyHelmetOptions = {
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { StreamAdmission } from './streamAdmission.ts';

export interface StreamSheddingOptions {
  readonly admission: StreamAdmission;
  /** Proxies in front of the BFF whose `X-Forwarded-For` is trusted (as Fastify's `trustProxy`; 0 = none). */
  readonly trustedHops: number;
  readonly corsOrigins: '*' | readonly string[];
  /** Headers every answer carries (helmet's). */
  readonly securityHeaders: Readonly<Record<string, string>>;
  readonly retryAfterS: number;
  readonly onRefused: (cap: 'full' | 'address') => void;
}

/** The two answers of a stream over a cap, the same whether the shedding or the route gives them. */
export const STREAM_REFUSALS = {
  full: {
    status: 503,
    title: 'Too many streams',
    code: 'STREAMS_AGOTADOS',
    detail: 'the server holds as many streams as it may; retry later',
  },
  address: {
    status: 429,
    title: 'Too many streams from this address',
    code: 'DEMASIADOS_STREAMS',
    detail: 'close a stream or retry later',
  },
} as const;

/**
 * Load shedding for `GET /stream`, before Fastify sees the request: when the stream caps are reached, the
 * answer (the same 503/429 problem the route gives, with `Retry-After`, helmet's and the CORS headers) costs a
 * header check and one write, not Fastify's whole per-request work. Under a flood of stream connections two
 * thirds of them are refusals, and a registration sent meanwhile waited behind them all (issue 16,
 * `npm run bench:edge`). Returns whether it answered; the route still admits for real (and refuses a request
 * that got past this check while the last places were taken).
 */
export function createStreamShedding(
  options: StreamSheddingOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const trust = (_address: string, hop: number) => hop < options.trustedHops;
  const addressOf = (req: IncomingMessage) =>
    options.trustedHops > 0 ? proxyAddr(req, trust) : (req.socket.remoteAddress ?? '');
  return (req, res) => {
    if (req.method !== 'GET' || !isStreamPath(req.url)) return false;
    const cap = options.admission.wouldRefuse(() => addressOf(req));
    if (cap === undefined) return false;
    const refusal = STREAM_REFUSALS[cap];
    const body = JSON.stringify({ type: 'about:blank', instance: req.url, ...refusal });
    res.writeHead(refusal.status, {
      ...options.securityHeaders,
      ...corsHeaders(options.corsOrigins, req.headers.origin),
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(options.retryAfterS),
    });
    res.end(body);
    options.onRefused(cap);
    return true;
  };
}

function isStreamPath(url: string | undefined): boolean {
  return url === '/stream' || (url?.startsWith('/stream?') ?? false);
}

/** What @fastify/cors adds to a simple request's answer, for the BFF's two forms of configuration. */
function corsHeaders(origins: '*' | readonly string[], origin: string | undefined): Record<string, string> {
  const exposed = { 'access-control-expose-headers': 'Location, Retry-After' };
  if (origins === '*') return { 'access-control-allow-origin': '*', ...exposed };
  return origin !== undefined && origins.includes(origin)
    ? { 'access-control-allow-origin': origin, vary: 'Origin', ...exposed }
    : { vary: 'Origin' };
}

import type { FuzzRequest } from './httpRequests.ts';

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

/** Longest a process may take to answer one fuzzed request (ARCHITECTURE §6: no hang). */
export const ANSWER_BOUND_MS = Number(process.env['FUZZ_ANSWER_MS'] ?? 5000);

/**
 * Sends one fuzzed request and checks what every answer must satisfy: within the bound, never 5xx, JSON where
 * JSON is announced, and RFC 9457 problem+json with the same status for every 4xx (a 400 names its fields).
 * Streams (SSE) are checked on their status and headers, then dropped.
 */
export async function sendChecked(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  const describe = () =>
    `${request.method} ${request.target.slice(0, 300)} [${request.kind}] ${JSON.stringify(request.headers)} body=${JSON.stringify(request.body?.slice(0, 300))}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ANSWER_BOUND_MS);
  try {
    const response = await fetch(`${baseUrl}${request.target}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: abort.signal,
      redirect: 'manual',
    }).catch((error: Error) => {
      if (abort.signal.aborted) throw new Error(`no answer within ${ANSWER_BOUND_MS} ms: ${describe()}`);
      throw new Error(`request failed (${error.message}; cause: ${String(error.cause)}): ${describe()}`, {
        cause: error,
      });
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return checked({ status: response.status, contentType, body: undefined }, describe);
    }
    const raw = await response.text();
    return checked({ status: response.status, contentType, body: parse(raw, contentType, describe) }, describe);
  } finally {
    clearTimeout(timer);
  }
}

function parse(raw: string, contentType: string, describe: () => string): unknown {
  if (!/json/.test(contentType)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error(`answer announced ${contentType} but is not JSON (${raw.slice(0, 200)}): ${describe()}`);
  }
}

function checked(answer: Answer, describe: () => string): Answer {
  const fail = (why: string) => {
    throw new Error(`${why}; answered ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 500)}: ${describe()}`);
  };
  if (answer.status >= 500) fail('server error');
  if (answer.status < 400) return answer;
  if (!answer.contentType.startsWith('application/problem+json'))
    fail(`a ${answer.status} is not problem+json (${answer.contentType})`);
  const problem = answer.body as { status?: unknown; code?: unknown; title?: unknown; errors?: unknown };
  if (problem.status !== answer.status || typeof problem.code !== 'string' || typeof problem.title !== 'string')
    fail('malformed problem details');
  if (answer.status === 400 && !(Array.isArray(problem.errors) && problem.errors.length > 0))
    fail('a 400 that names no offending field');
  return answer;
}

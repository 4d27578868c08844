import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.ts';

const MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * PostgreSQL `text` and `jsonb` cannot hold U+0000, which JSON and URLs carry happily: a lookup by such an id
 * failed with a 500, and a registration carrying one was accepted, then never stored (the command was
 * dead-lettered and the saga ran into its deadline). Issue 9's fuzzer found both. After schema validation
 * (whose 400 names every other bad field first), any NUL in the path, the query or the body is a 400 too.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    const fields = [...withNul(request.params, ''), ...withNul(request.query, ''), ...withNul(request.body, '')];
    if (fields.length === 0) return;
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      code: 'VALIDATION_FAILED',
      instance: request.url,
      detail: `invalid fields: ${fields.join(', ')}`,
      errors: fields.map((field) => ({ field, message: MESSAGE })),
    });
  });
}

/** Paths (`categorias.0`, `(body)` for the root) of the strings and keys holding a NUL. */
function withNul(value: unknown, path: string, depth = 0): string[] {
  const here = path === '' ? '(body)' : path;
  if (typeof value === 'string') return value.includes('\u0000') ? [here] : [];
  if (value === null || typeof value !== 'object' || depth > 64) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const child = path === '' ? key : `${path}.${key}`;
    return [...(key.includes('\u0000') ? [child] : []), ...withNul(inner, child, depth + 1)];
  });
}

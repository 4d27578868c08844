import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  readonly request_id?: string;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** `/email` + `format` → `email`; a missing property names itself. */
export function fieldOf(issue: ValidationIssue, context?: string): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.['missingProperty'] ?? issue.params?.['additionalProperty'];
  const field = [path, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return field || (context === 'body' ? '(body)' : (context ?? '(request)'));
}

/**
 * Errors the router raises before any route, hook or error handler runs (Fastify's `frameworkErrors`): without
 * this they are plain JSON (issue 9's fuzzer found `GET /sagas/%zz` and a 101-character id answered so).
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known: Readonly<Record<string, { status: number; title: string; message: string }>> = {
    FST_ERR_BAD_URL: { status: 400, title: 'Invalid request', message: 'is not a valid URL (broken percent-encoding)' },
    FST_ERR_MAX_PARAM_LENGTH: { status: 414, title: 'URI too long', message: 'a path parameter is too long' },
  };
  const answer = known[error.code];
  if (!answer) {
    request.log.error({ err: error }, 'router error');
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      code: 'INTERNAL',
      instance: request.url,
      request_id: request.id,
    });
  }
  return sendProblem(reply, {
    type: 'about:blank',
    title: answer.title,
    status: answer.status,
    code: error.code,
    instance: request.url,
    detail: answer.message,
    errors: [{ field: '(path)', message: answer.message }],
  });
}

/**
 * Maps errors to problem+json: schema validation → 400 naming every bad field, body parse and size
 * errors → 400/413, a mapped domain error → its status, anything else → 500 with the request id only.
 */
export function installErrorHandler(app: FastifyInstance, mapDomain?: (error: unknown) => Problem | undefined): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const domain = mapDomain?.(error);
    if (domain) return sendProblem(reply, { ...domain, instance: request.url });
    if (error.validation) {
      const errors = error.validation.map((issue) => ({
        field: fieldOf(issue, error.validationContext),
        message: issue.message ?? 'invalid',
      }));
      return sendProblem(reply, {
        type: 'about:blank',
        title: 'Invalid request',
        status: 400,
        code: 'VALIDATION_FAILED',
        instance: request.url,
        detail: `invalid fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`,
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return sendProblem(reply, {
        type: 'about:blank',
        title: error.message,
        status,
        code: error.code ?? 'BAD_REQUEST',
        instance: request.url,
        detail: error.message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      code: 'INTERNAL',
      instance: request.url,
      request_id: request.id,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
      instance: request.url,
      detail: `no route ${request.method} ${request.url}`,
    }),
  );
}

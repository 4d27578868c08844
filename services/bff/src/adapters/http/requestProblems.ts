import type { Problem } from '@alpes/service-kit';

type Answer = Omit<Problem, 'type'> & { readonly field: string; readonly message: string };

/**
 * Body errors Fastify raises before validation, as problem+json naming `(body)` like a schema error would
 * (D-12: the original answered 500). Oversize is a 413 (issue 16, RFC 9110 §15.5.14), the limit in `detail`.
 */
export function requestProblems(bodyLimit: number): (error: unknown) => Problem | undefined {
  const answers: Readonly<Record<string, Answer>> = {
    FST_ERR_CTP_INVALID_JSON_BODY: {
      status: 400,
      title: 'Invalid request',
      code: 'MALFORMED_JSON',
      field: '(body)',
      message: 'is not valid JSON',
      detail: 'the body is not valid JSON',
    },
    FST_ERR_CTP_EMPTY_JSON_BODY: {
      status: 400,
      title: 'Invalid request',
      code: 'EMPTY_BODY',
      field: '(body)',
      message: 'is empty',
      detail: 'the body is empty; send a JSON object',
    },
    FST_ERR_CTP_BODY_TOO_LARGE: {
      status: 413,
      title: 'Content too large',
      code: 'BODY_TOO_LARGE',
      field: '(body)',
      message: `is larger than ${bodyLimit} bytes`,
      detail: `the body is larger than the limit of ${bodyLimit} bytes`,
    },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
      status: 400,
      title: 'Invalid request',
      code: 'BAD_CONTENT_LENGTH',
      field: '(body)',
      message: 'does not match Content-Length',
      detail: 'the body size does not match Content-Length',
    },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: {
      status: 415,
      title: 'Unsupported media type',
      code: 'UNSUPPORTED_MEDIA_TYPE',
      field: 'content-type',
      message: 'must be application/json',
      detail: 'send the body as application/json',
    },
  };
  return (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    const answer = typeof code === 'string' ? answers[code] : undefined;
    if (answer === undefined) return undefined;
    const { field, message, ...problem } = answer;
    return { type: 'about:blank', ...problem, errors: [{ field, message }] };
  };
}

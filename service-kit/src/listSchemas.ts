// The JSON Schemas every domain service's list routes share (issue 17: one copy, not three).

/**
 * `page` and `limit` of a list route's query string, validated as strings with patterns (the apps' Ajv does not
 * coerce types): a 1-based page, 1 to 100 items per page (defaults 1 and 20, applied by the routes).
 */
export const pagingQuery = {
  page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', description: '1-based page (default 1)' },
  limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', description: 'items per page, 1–100 (default 20)' },
} as const;

/** A page of `item`s, the answer of every list route. */
export function pageOf<const T>(item: T) {
  return {
    type: 'object',
    required: ['items', 'page', 'limit', 'total'],
    properties: {
      items: { type: 'array', items: item },
      page: { type: 'integer' },
      limit: { type: 'integer' },
      total: { type: 'integer' },
    },
  } as const;
}

/** `/:id` of a detail route. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

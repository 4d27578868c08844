import { createHash } from 'node:crypto';
import { sql, type FragmentSqlToken, type QuerySqlToken } from 'slonik';
import type { z } from 'zod';

const names = new Map<string, string>();
const MAX_NAMES = 1000;

/**
 * The statement as a named prepared statement, named after its text: each connection parses and plans it
 * once, then only binds and executes it (slonik's default sends every statement unnamed, parsed and planned
 * on every call). The hot statements of a command — its read and its commit — have a few texts each
 * (the commit's depends on which projection statements it carries); their values are parameters.
 *
 * Only for statements whose result columns are named in the text: PostgreSQL re-plans a prepared statement
 * after a migration changes a table it uses, but refuses one whose result would change shape (`select *`).
 */
export function prepared<T extends z.ZodTypeAny>(parser: T, statement: FragmentSqlToken): QuerySqlToken<T> {
  let name = names.get(statement.sql);
  if (name === undefined) {
    name = `es_${createHash('sha1').update(statement.sql).digest('hex').slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(statement.sql, name);
  }
  return sql.prepared(name, parser)`${statement}`;
}

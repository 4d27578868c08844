import { createHash } from 'node:crypto';
import { sql, type QuerySqlToken } from 'slonik';

/**
 * A query that runs a migration's SQL text, which may hold several statements. Slonik refuses
 * multi-statement results and accepts only template literals, so the text runs through one PL/pgSQL
 * `EXECUTE` (SPI runs every statement of the string) inside a `DO` block, dollar-quoted with tags the
 * text cannot contain. Nothing from the text is interpolated as a bind value.
 */
export function migrationQuery(text: string): QuerySqlToken {
  const suffix = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const [inner, outer] = [`$sql_${suffix}$`, `$do_${suffix}$`];
  const body = `do ${outer} begin execute ${inner}${text}${inner}; end ${outer}`;
  const parts = Object.freeze(Object.assign([body], { raw: Object.freeze([body]) }));
  return sql.unsafe(parts as unknown as TemplateStringsArray);
}

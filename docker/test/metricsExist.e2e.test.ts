import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESS_NAMES } from '@alpes/infra';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { root } from './composeFile.ts';

const test = suite('every metric an alert rule or the README names exists on a running system');
let system: SystemUnderTest;

test.before(async () => {
  const infra = testInfra();
  system = await startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `metrics_${uniqueSuffix().replace(/-/g, '_')}`,
  });
});
test.after(async () => {
  await system?.close();
});

// PromQL words and series Prometheus makes itself, not metrics of ours.
const NOT_METRICS = new Set(['sum', 'max', 'min', 'by', 'rate', 'or', 'and', 'up', 'without', 'on']);

/** Metric names in a PromQL expression: label matchers and `by (…)` lists removed, then the identifiers left. */
export function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  return [...bare.matchAll(/[a-z_][a-z0-9_]*/g)].map((m) => m[0]).filter((name) => !NOT_METRICS.has(name));
}

function alertMetrics(): string[] {
  const rules = parse(readFileSync(join(root, 'docker/alerts.yml'), 'utf8')) as {
    groups: { rules: { expr: string }[] }[];
  };
  return rules.groups.flatMap((g) => g.rules.flatMap((r) => metricsOf(r.expr)));
}

/** Backticked snake_case names with at least two underscores in the tables of README's "Operating it". */
function readmeMetrics(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Operating it')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.flatMap((row) =>
    [...row.matchAll(/`([a-z]+(?:_[a-z0-9]+){2,})(?:\{[^`]*\})?`/g)].map((m) => m[1] as string),
  );
}

test('the alert rules and the README name metrics the processes export', async () => {
  // One registration, so that the system has done what the metrics count.
  const id = randomUUID();
  const response = await fetch(`${system.url('bff')}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id_influencer: id,
      nombre: 'Ana García',
      email: `ana.${id.slice(0, 8)}@gmail.com`,
      categorias: ['moda'],
    }),
  });
  assert.is(response.status, 202);
  const families = new Set<string>();
  for (const name of PROCESS_NAMES) {
    const text = await (await fetch(`${system.url(name)}/metrics`)).text();
    for (const match of text.matchAll(/^# TYPE (\S+) /gm)) families.add(match[1] as string);
  }
  const named = [...new Set([...alertMetrics(), ...readmeMetrics()])];
  assert.ok(alertMetrics().length >= 6, `the alert rules name metrics (${alertMetrics().join(', ')})`);
  assert.ok(readmeMetrics().length >= 6, `README's "Operating it" names metrics (${readmeMetrics().join(', ')})`);
  assert.equal(
    named.filter((metric) => !families.has(metric)),
    [],
    'named but not exported by any process',
  );
});

test('the expression parser finds metric names and nothing else', () => {
  assert.equal(metricsOf('sum by (job) (rate(http_responses_total{status_code=~"5.."}[5m])) > 0.1'), [
    'http_responses_total',
  ]);
  assert.equal(metricsOf('max(a_b) > 2 * 3 * max(c_d)'), ['a_b', 'c_d']);
});

test.run();

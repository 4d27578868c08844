import pg from 'pg';
import { PROCESS_NAMES, createPulsarAdmin } from '@alpes/infra';
import type { SystemUnderTest } from '@alpes/infra/system';

/** The service schemas (ARCHITECTURE §3). */
const SCHEMAS = ['influencers', 'campanas', 'contratos', 'saga'];
/** Read models of the three aggregates: poison must never add a row to them. */
export const ENTITY_TABLES = ['influencers.influencers', 'campanas.campanas', 'contratos.contratos'] as const;

/** Row count of every table of every service schema, and messages published on every topic of the namespace. */
export interface Snapshot {
  readonly rows: Readonly<Record<string, number>>;
  readonly messages: Readonly<Record<string, number>>;
}

export async function snapshot(system: SystemUnderTest): Promise<Snapshot> {
  return { rows: await rowCounts(system.settings.databaseUrl), messages: await topicCounts(system) };
}

export async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
        where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
      [SCHEMAS],
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const [schema, table] = name.split('.') as [string, string];
      const result = await client.query<{ n: number }>(
        `select count(*)::int as n from ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`,
      );
      counts[name] = result.rows[0]?.n ?? 0;
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Messages ever published per topic (the broker's `msgInCounter`), DLQs included. */
export async function topicCounts(system: SystemUnderTest): Promise<Record<string, number>> {
  const admin = createPulsarAdmin(system.settings.pulsarAdminUrl);
  const topics = await admin.listTopics(system.settings.namespace);
  const entries = await Promise.all(
    topics.map(async (topic) => [shortName(topic), (await admin.topicStats(topic)).msgInCounter] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

export const shortName = (topic: string) => topic.slice(topic.lastIndexOf('/') + 1);

/** What changed between two snapshots: `table: 3 → 4`, `topic: +2`. */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [table, n] of Object.entries(after.rows))
    if ((before.rows[table] ?? 0) !== n) changes.push(`${table}: ${before.rows[table] ?? 0} → ${n}`);
  for (const [topic, n] of Object.entries(after.messages))
    if ((before.messages[topic] ?? 0) !== n) changes.push(`${topic}: +${n - (before.messages[topic] ?? 0)}`);
  return changes;
}

/** Every process of the system still runs and answers 200 on `/health`; the failures otherwise. */
export async function unhealthy(system: SystemUnderTest): Promise<string[]> {
  const problems: string[] = [];
  for (const name of PROCESS_NAMES) {
    const response = await fetch(`http://127.0.0.1:${system.settings.ports[name]}/health`, {
      signal: AbortSignal.timeout(5000),
    }).catch((e: Error) => e);
    if (response instanceof Error) problems.push(`${name}: ${response.message}\n${system.output(name).slice(-2000)}`);
    else if (response.status !== 200)
      problems.push(`${name}: /health answered ${response.status} ${await response.text()}`);
  }
  return problems;
}

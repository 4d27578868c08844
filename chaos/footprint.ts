import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { InstanceName, SystemUnderTest } from '@alpes/infra/system';

/** What each instance costs at the end of a run: peak resident memory (VmHWM, MB) and the database's backends. */
export async function footprint(
  system: SystemUnderTest,
): Promise<{ peakRssMb: Partial<Record<InstanceName, number>>; backends: number }> {
  const peakRssMb: Partial<Record<InstanceName, number>> = {};
  for (const instance of system.instances) {
    const pid = system.pid(instance);
    if (pid === undefined) continue;
    try {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) peakRssMb[instance] = Math.round(kb / 1024);
    } catch {
      // The instance exited meanwhile.
    }
  }
  const client = new pg.Client({ connectionString: system.settings.databaseUrl });
  client.on('error', () => undefined); // a lost connection fails the query in flight, which reports it
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return { peakRssMb, backends: rows[0]?.n ?? 0 };
  } finally {
    await client.end();
  }
}

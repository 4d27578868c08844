import pg from 'pg';

export interface HeldTransaction {
  readonly atMs: number;
  readonly heldMs: number;
  /** The highest `outbox_relay_horizon_age_seconds` any relay reported while it was held. */
  readonly maxHorizonAgeS: number;
  /** Why it ended early (PostgreSQL killed meanwhile), if it did: the ledger then expects only what was held. */
  readonly endedBy?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transaction with an xid held open for `holdMs` in the system's database: the relays' xid8 horizon cannot
 * pass it, so publication stalls; their horizon-age metric must show it, and publication must resume after.
 */
export async function holdTransaction(options: {
  databaseUrl: string;
  relayUrls: readonly string[];
  holdMs: number;
  startedAt: number;
}): Promise<HeldTransaction> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  // PostgreSQL killed (a `postgres` fault) while the transaction is held: the server ends it, and the connection
  // reports that as an 'error' event, which would otherwise kill the chaos run itself.
  let lost: Error | undefined;
  client.on('error', (error) => {
    lost = error;
  });
  await client.connect();
  const atMs = Date.now() - options.startedAt;
  let maxHorizonAgeS = 0;
  let heldMs = options.holdMs;
  try {
    await client.query('begin');
    await client.query('select pg_current_xact_id()');
    const until = Date.now() + options.holdMs;
    while (Date.now() < until && !lost) {
      await sleep(1000);
      for (const url of options.relayUrls) maxHorizonAgeS = Math.max(maxHorizonAgeS, await horizonAge(url));
    }
    heldMs = lost ? Date.now() - options.startedAt - atMs : heldMs;
    if (!lost) await client.query('commit');
  } catch (error) {
    lost ??= error as Error;
    heldMs = Date.now() - options.startedAt - atMs;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { atMs, heldMs, maxHorizonAgeS, ...(lost ? { endedBy: lost.message } : {}) };
}

async function horizonAge(relayUrl: string): Promise<number> {
  const text = await fetch(`${relayUrl}/metrics`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.text(),
    () => '',
  );
  const values = [...text.matchAll(/^outbox_relay_horizon_age_seconds(?:\{[^}]*\})? ([\d.e+-]+)$/gm)].map((m) =>
    Number(m[1]),
  );
  return Math.max(0, ...values.filter(Number.isFinite));
}

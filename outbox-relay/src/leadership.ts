import pg from 'pg';

/**
 * One active relay per schema: the leader holds a session-level advisory lock on a dedicated
 * connection. When that process dies, PostgreSQL drops the connection and the lock with it, and a
 * standby's next `tryAcquire` wins. The same connection LISTENs for outbox notifications.
 */
export interface Leadership {
  /** True once this process holds the lock. */
  tryAcquire(): Promise<boolean>;
  readonly isLeader: boolean;
  /**
   * Resolves on the next notification or after `ms`, whichever comes first; at once when one arrived since
   * the last wait (a NOTIFY that lands while the relay is busy is not lost).
   */
  waitForNotify(ms: number): Promise<void>;
  /** Ends a pending `waitForNotify` now, or the next one at once. */
  wakeUp(): void;
  /** Registers a callback for a lost connection (and with it, the lock). */
  onLost(callback: (error: Error) => void): void;
  release(): Promise<void>;
}

/** `onNotify` runs on every notification of this schema's channel (the relay tells the other schemas). */
export function createLeadership(databaseUrl: string, schema: string, onNotify: () => void = () => {}): Leadership {
  let client: pg.Client | undefined;
  let leader = false;
  let wake: (() => void) | undefined;
  let notified = false;
  const lostCallbacks: ((error: Error) => void)[] = [];
  const channel = `outbox_${schema}`;

  const lose = (error: Error) => {
    if (!client) return;
    client = undefined;
    const was = leader;
    leader = false;
    wake?.();
    if (was) for (const callback of lostCallbacks) callback(error);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: `outbox-relay:${schema}` });
    next.on('error', (error) => lose(error));
    next.on('end', () => lose(new Error('leadership connection closed')));
    next.on('notification', () => {
      notified = true;
      wake?.();
      onNotify();
    });
    await next.connect();
    client = next;
    return next;
  };

  return {
    get isLeader() { return leader; },
    tryAcquire: async () => {
      if (leader) return true;
      const c = client ?? (await connect());
      const { rows } = await c.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [`outbox-relay:${schema}`]);
      leader = rows[0]?.ok === true;
      if (leader) await c.query(`listen "${channel}"`);
      return leader;
    },
    waitForNotify: (ms) => new Promise((resolve) => {
      if (notified) {
        notified = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() { clearTimeout(timer); wake = undefined; notified = false; resolve(); }
      wake = done;
    }),
    wakeUp: () => {
      notified = true;
      wake?.();
    },
    onLost: (callback) => { lostCallbacks.push(callback); },
    release: async () => {
      const c = client;
      leader = false;
      client = undefined;
      wake?.();
      if (c) await c.end().catch(() => undefined);
    },
  };
}

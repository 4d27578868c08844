import pg from 'pg';
import { postgresTls } from '@alpes/eventstore/postgres';

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

/**
 * How fast a silent leader is found out (issue 19). The server's side: TCP keepalive after 5 s idle, probes
 * every 3 s, 3 unanswered ones end the backend — and with it the lock — in about 15 s; `tcp_user_timeout` does
 * the same within 15 s when data the server sent stays unacknowledged. Without them the lock outlives a vanished
 * host by the kernel's keepalive default (2 h 11 min). The leader's side: a `select 1` every 3 s that must answer
 * within 5 s, or it gives up the leadership (in at most 8 s, before the server can free the lock).
 */
const SILENCE = {
  keepAliveIdleS: 5,
  keepAliveIntervalS: 3,
  keepAliveCount: 3,
  userTimeoutMs: 15_000,
  heartbeatEveryMs: 3000,
  heartbeatTimeoutMs: 5000,
};

/** Per-connection settings of the server's socket (ignored over a Unix-domain socket, where no host can vanish). */
function serverKeepAlive(): string {
  const s = SILENCE;
  return (
    `-c tcp_keepalives_idle=${s.keepAliveIdleS} -c tcp_keepalives_interval=${s.keepAliveIntervalS} ` +
    `-c tcp_keepalives_count=${s.keepAliveCount} -c tcp_user_timeout=${s.userTimeoutMs}`
  );
}

/** `onNotify` runs on every notification of this schema's channel (the relay tells the other schemas). */
export function createLeadership(databaseUrl: string, schema: string, onNotify: () => void = () => {}): Leadership {
  let client: pg.Client | undefined;
  let leader = false;
  let wake: (() => void) | undefined;
  let notified = false;
  const lostCallbacks: ((error: Error) => void)[] = [];
  const channel = `outbox_${schema}`;
  const tls = postgresTls(databaseUrl);

  const lose = (error: Error) => {
    if (!client) return;
    client = undefined;
    const was = leader;
    leader = false;
    wake?.();
    if (was) for (const callback of lostCallbacks) callback(error);
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: tls.url,
      ...(tls.ssl ? { ssl: tls.ssl } : {}),
      application_name: `outbox-relay:${schema}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: SILENCE.keepAliveIdleS * 1000,
      options: serverKeepAlive(),
    });
    next.on('error', (error) => lose(error));
    next.on('end', () => lose(new Error('leadership connection closed')));
    next.on('notification', () => {
      notified = true;
      wake?.();
      onNotify();
    });
    await next.connect();
    client = next;
    heartbeat(next);
    return next;
  };

  /**
   * The leader's own side: a connection that stops answering (a cut network, a frozen server) must cost it the
   * leadership before the server drops the lock and a standby takes over, so it never publishes beside a new leader.
   */
  const heartbeat = (c: pg.Client) => {
    const timer = setInterval(() => {
      if (client !== c) return clearInterval(timer);
      const silent = setTimeout(() => {
        clearInterval(timer);
        lose(new Error(`leadership connection silent for ${SILENCE.heartbeatTimeoutMs} ms`));
        (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }, SILENCE.heartbeatTimeoutMs);
      c.query('select 1').then(
        () => clearTimeout(silent),
        () => clearTimeout(silent),
      );
    }, SILENCE.heartbeatEveryMs);
    timer.unref();
  };

  return {
    get isLeader() {
      return leader;
    },
    tryAcquire: async () => {
      if (leader) return true;
      const c = client ?? (await connect());
      const { rows } = await c.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
        `outbox-relay:${schema}`,
      ]);
      leader = rows[0]?.ok === true;
      if (leader) await c.query(`listen "${channel}"`);
      return leader;
    },
    waitForNotify: (ms) =>
      new Promise((resolve) => {
        if (notified) {
          notified = false;
          resolve();
          return;
        }
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          notified = false;
          resolve();
        }
        wake = done;
      }),
    wakeUp: () => {
      notified = true;
      wake?.();
    },
    onLost: (callback) => {
      lostCallbacks.push(callback);
    },
    release: async () => {
      const c = client;
      leader = false;
      client = undefined;
      wake?.();
      if (c) await c.end().catch(() => undefined);
    },
  };
}

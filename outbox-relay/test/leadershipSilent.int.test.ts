import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from '@alpes/infra';
import { freshDatabase } from '@alpes/infra/testing';
import { createLeadership } from '../src/leadership.ts';
import { silencePort } from './silence.ts';

// Issue 19: the leader's connection goes silent — not closed, every packet dropped, as when its host vanishes.
// TCP keepalive and tcp_user_timeout on the server's side free the advisory lock, and the standby takes over
// in about 15 s instead of the kernel's default of hours; the silent leader steps down first.
const test = suite('relay leadership: a silent leader');
const SCHEMA = 'silent';

/** The same database over TCP: the harness hands out its Unix-domain socket, where nothing can go silent. */
function overTcp(url: string): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  return u.toString();
}

/** The client port of the backend that holds this schema's leadership lock. */
async function leaderPort(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ port: number }>(
      `select a.client_port as port from pg_locks l join pg_stat_activity a using (pid)
        where l.locktype = 'advisory' and l.granted and a.application_name = $1`,
      [`outbox-relay:${SCHEMA}`],
    );
    if (rows.length !== 1 || !rows[0]?.port)
      throw new Error(`expected one leader over TCP, found ${JSON.stringify(rows)}`);
    return rows[0].port;
  } finally {
    await c.end();
  }
}

test('the standby takes over from a leader whose connection went silent; the silent leader steps down first', async () => {
  const db = await freshDatabase('relay_silent');
  const url = overTcp(db.url);
  const leader = createLeadership(url, SCHEMA);
  const standby = createLeadership(url, SCHEMA);
  let steppedDown: number | undefined;
  leader.onLost(() => {
    steppedDown = Date.now();
  });
  assert.ok(await leader.tryAcquire(), 'the first one leads');
  assert.is(await standby.tryAcquire(), false, 'the second one stands by');
  const silence = await silencePort(await leaderPort(url));
  const silentAt = Date.now();
  try {
    await waitFor({
      what: 'the standby leading',
      timeoutMs: 60_000,
      intervalMs: 250,
      probe: () => standby.tryAcquire(),
    });
    const takeover = Date.now() - silentAt;
    console.log(
      `[leadershipSilent] silent leader stepped down after ${(steppedDown ?? NaN) - silentAt} ms; standby leads after ${takeover} ms`,
    );
    assert.ok(steppedDown !== undefined, 'the silent leader gave up its leadership');
    assert.ok(steppedDown <= silentAt + takeover, 'before the standby took over');
    assert.is(leader.isLeader, false);
  } finally {
    await silence.restore();
    await standby.release();
    await leader.release();
    await db.drop();
  }
});

test.run();

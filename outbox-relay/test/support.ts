import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bytesSchema, createPulsarClient, type Consumer, type PulsarClient } from '@alpes/pulsar';
import {
  createPool,
  createPostgresEventStore,
  migrate,
  type DatabasePool,
  type PostgresEventStore,
} from '@alpes/eventstore/postgres';
import type { OutboxMessage } from '@alpes/eventstore';
import { freePort, repoRoot, waitFor } from '@alpes/infra';
import { freshDatabase, freshNamespace, testAdmin, testInfra, uniqueTopic } from '@alpes/infra/testing';

export const SCHEMA = 'relay_test';

export interface Fixture {
  readonly databaseUrl: string;
  readonly pool: DatabasePool;
  readonly store: PostgresEventStore;
  readonly namespace: string;
  readonly topic: string;
  readonly client: PulsarClient;
  close(): Promise<void>;
}

/** A database with a migrated outbox schema, and a topic in a namespace with broker deduplication on. */
export async function fixture(name: string): Promise<Fixture> {
  const db = await freshDatabase(name);
  const pool = await createPool(db.url);
  await migrate(pool, { schema: SCHEMA });
  const namespace = await freshNamespace('relay');
  await testAdmin().setDeduplication(namespace, true);
  const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  return {
    databaseUrl: db.url,
    pool,
    namespace,
    client,
    store: createPostgresEventStore({ pool, schema: SCHEMA }),
    topic: uniqueTopic('relay', namespace),
    close: async () => {
      await client.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** A row's payload: its key and its number within the key, so order per key can be checked. */
export function row(topic: string, key: string, n: number): OutboxMessage {
  return { topic, key, value: Buffer.from(JSON.stringify({ key, n })), schemaVersion: 1, eventTime: Date.now() };
}

export interface WriteOptions {
  readonly keys?: number;
  readonly perTx?: number;
  readonly prefix?: string;
}

/** Writes `count` rows over `keys` keys (named `<prefix><i>`), `perTx` rows per transaction. */
export async function writeRows(
  f: Fixture,
  count: number,
  { keys = 10, perTx = 100, prefix = 'k' }: WriteOptions = {},
): Promise<void> {
  const counters = new Map<string, number>();
  for (let start = 0; start < count; start += perTx) {
    const batch: OutboxMessage[] = [];
    for (let i = start; i < Math.min(count, start + perTx); i++) {
      const key = `${prefix}${i % keys}`;
      const n = counters.get(key) ?? 0;
      counters.set(key, n + 1);
      batch.push(row(f.topic, key, n));
    }
    await f.store.transaction((tx) => f.store.appendOutbox(tx, batch));
  }
}

export interface Received {
  readonly key: string;
  readonly n: number;
}

export async function subscribe(f: Fixture): Promise<Consumer<Uint8Array>> {
  return f.client.subscribe({
    topic: f.topic,
    subscription: 'check',
    type: 'Exclusive',
    initialPosition: 'Earliest',
    schema: bytesSchema(),
  });
}

/** Receives until `count` messages arrived or nothing came for `idleMs`. */
export async function receiveAll(consumer: Consumer<Uint8Array>, count: number, idleMs = 5000): Promise<Received[]> {
  const out: Received[] = [];
  while (out.length < count) {
    const message = await consumer.receive(idleMs).catch(() => undefined);
    if (!message) break;
    out.push(JSON.parse(Buffer.from(message.value).toString()) as Received);
    message.ack();
  }
  // Anything beyond `count` would be a duplicate: give it a moment to show up.
  for (;;) {
    const extra = await consumer.receive(500).catch(() => undefined);
    if (!extra) break;
    out.push(JSON.parse(Buffer.from(extra.value).toString()) as Received);
    extra.ack();
  }
  return out;
}

/** Every (key, n) exactly once and, per key, in increasing n. */
export function checkExactlyOnceInOrder(received: readonly Received[], count: number, keys: number): string[] {
  const problems: string[] = [];
  if (received.length !== count) problems.push(`received ${received.length} messages, expected ${count}`);
  const next = new Map<string, number>();
  for (const { key, n } of received) {
    const expected = next.get(key) ?? 0;
    if (n !== expected) problems.push(`key ${key}: got n=${n}, expected ${expected}`);
    next.set(key, n + 1);
  }
  if (next.size !== keys) problems.push(`saw ${next.size} keys, expected ${keys}`);
  return problems.slice(0, 10);
}

export interface RelayProcess {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
}

/** The relay as a separate process (so a test can SIGKILL it). */
export async function startRelayProcess(f: Fixture, extraEnv: Record<string, string> = {}): Promise<RelayProcess> {
  const port = await freePort();
  const { pulsarUrl, pulsarAdminUrl } = testInfra();
  const child = spawn(process.execPath, [join(repoRoot, 'outbox-relay/src/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: f.databaseUrl,
      PULSAR_URL: pulsarUrl,
      PULSAR_ADMIN_URL: pulsarAdminUrl,
      RELAY_SCHEMAS: SCHEMA,
      RELAY_PORT: String(port),
      RELAY_DEDUP_NAMESPACES: f.namespace,
      RELAY_STANDBY_RETRY_MS: '200',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  await waitFor({
    what: 'relay /health',
    timeoutMs: 30_000,
    failFast: () => (child.exitCode !== null ? `relay exited:\n${output}` : undefined),
    probe: async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
  });
  return { child, port, output: () => output };
}

export async function leaderOf(relays: readonly RelayProcess[]): Promise<RelayProcess | undefined> {
  for (const relay of relays) {
    const health = await fetch(`http://127.0.0.1:${relay.port}/health`)
      .then((r) => r.json() as Promise<{ leading: string[] }>)
      .catch(() => undefined);
    if (health?.leading.includes(SCHEMA)) return relay;
  }
  return undefined;
}

export async function publishedCount(pool: DatabasePool): Promise<number> {
  const { sql } = await import('slonik');
  return pool.oneFirst(sql.unsafe`
    select count(*)::int from ${sql.identifier([SCHEMA, 'outbox'])} as o, ${sql.identifier([SCHEMA, 'outbox_relay_state'])} as s
    where s.id = 1 and (o.tx, o.position) <= (s.last_tx, s.last_position)`) as Promise<number>;
}

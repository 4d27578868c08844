// Secure mode's grants (issue 19): what each process's Pulsar role may do on which topic, from the topic
// catalogue, and each process's PostgreSQL role owning only its schema.
import pg from 'pg';
import { catalogue, fullTopicName, topicNames } from '@alpes/contracts';
import { postgresTls } from '@alpes/eventstore/postgres';
import { createPulsarAdmin, type PulsarAdmin } from './pulsarAdmin.ts';
import type { SecureMaterial } from './secure.ts';
import { PROCESS_NAMES, type ProcessName } from './system.ts';

/** The PostgreSQL schema each process owns (the relay owns none: it reads the others' outboxes). */
export const SCHEMA_OF: Record<ProcessName, string | undefined> = {
  influencers: 'influencers',
  campanas: 'campanas',
  contratos: 'contratos',
  saga: 'saga',
  bff: 'bff',
  relay: undefined,
};

/** The topic the Pulsar client's `checkHealth()` looks up (never written to). */
const HEALTH_TOPIC = 'persistent://public/default/__alpes_health';

export interface TopicRight {
  readonly topic: string;
  readonly role: ProcessName;
  readonly actions: readonly ('produce' | 'consume')[];
}

/**
 * What each role may do on each topic, from the catalogue: the relay produces what the outboxes hold, the BFF
 * produces the registrations it accepts; each consumer consumes its topics and produces (and reads back) its
 * own dead-letter topics. Nothing else: campanas cannot send a command to contratos.
 */
export function topicRights(namespace: string): TopicRight[] {
  const rights: TopicRight[] = [];
  for (const short of topicNames) {
    const spec = catalogue[short];
    const topic = fullTopicName(short, namespace);
    rights.push({ topic, role: spec.producer === 'bff' ? 'bff' : 'relay', actions: ['produce'] });
    for (const consumer of spec.consumers) {
      const role = consumer.service as ProcessName;
      rights.push({ topic, role, actions: ['consume'] });
      // The BFF reads with non-durable readers: no subscription, no dead letters.
      if (role !== 'bff')
        rights.push({ topic: `${topic}-${consumer.subscription}-DLQ`, role, actions: ['produce', 'consume'] });
    }
  }
  // `/health`'s broker check looks this topic up (`checkHealth` of @alpes/pulsar): a lookup needs a right on it.
  for (const role of PROCESS_NAMES) rights.push({ topic: HEALTH_TOPIC, role, actions: ['consume'] });
  // The BFF's contract hub reads the contract events to answer a registration's status.
  for (const short of ['eventos-contratos', 'eventos-contratos-error'] as const) {
    rights.push({ topic: fullTopicName(short, namespace), role: 'bff', actions: ['consume'] });
  }
  return rights;
}

/** `topicRights` with one entry per topic and role (a grant replaces the role's earlier actions on the topic). */
export function mergedTopicRights(namespace: string): TopicRight[] {
  const byTopicAndRole = new Map<string, TopicRight>();
  for (const right of topicRights(namespace)) {
    const key = `${right.topic} ${right.role}`;
    const known = byTopicAndRole.get(key);
    byTopicAndRole.set(key, { ...right, actions: [...new Set([...(known?.actions ?? []), ...right.actions])] });
  }
  return [...byTopicAndRole.values()];
}

/** Creates every topic of `topicRights` (so a grant never waits for a first producer) and grants the rights. */
export async function grantTopicRights(admin: PulsarAdmin, namespace: string): Promise<number> {
  const rights = mergedTopicRights(namespace);
  for (const topic of new Set(rights.map((r) => r.topic))) await admin.createTopic(topic);
  for (const right of rights) await admin.grant(right.topic, right.role, right.actions);
  return rights.length;
}

export const databaseRole = (name: ProcessName) => `alpes_${name}`;

/** `databaseUrl` (a superuser's) with the process's own role and password. */
export function roleDatabaseUrl(databaseUrl: string, name: ProcessName, material: SecureMaterial): string {
  const url = new URL(databaseUrl);
  url.username = databaseRole(name);
  url.password = material.passwords[name];
  return url.toString();
}

/**
 * As a superuser (or Cloud SQL's `cloudsqlsuperuser`), in the application database: a login role per process with
 * its password, and each service's schema owned by its role (the role migrates it; the services grant the relay's
 * role their outbox). The database is closed to PUBLIC: only the system's roles connect. Idempotent.
 */
export async function prepareDatabaseRoles(
  superuserUrl: string,
  passwords: Readonly<Record<ProcessName, string>>,
): Promise<void> {
  await asSuperuser(superuserUrl, async (client) => {
    const database = (await client.query<{ db: string }>('select current_database() as db')).rows[0]?.db ?? '';
    await client.query(`revoke all on database ${client.escapeIdentifier(database)} from public`);
    for (const name of PROCESS_NAMES) {
      const role = client.escapeIdentifier(databaseRole(name));
      const exists =
        (await client.query('select 1 from pg_roles where rolname = $1', [databaseRole(name)])).rowCount === 1;
      const password = client.escapeLiteral(passwords[name]);
      await client.query(
        `${exists ? 'alter' : 'create'} role ${role} with login nosuperuser nocreatedb nocreaterole password ${password}`,
      );
      await client.query(`grant connect on database ${client.escapeIdentifier(database)} to ${role}`);
      // The relay's horizon gauge reads other roles' transaction start times (pg_stat_activity); a server where
      // this role may not hand it on (a managed one) leaves the gauge blind to other roles' transactions.
      if (name === 'relay') {
        await client.query('savepoint stats');
        await client
          .query(`grant pg_read_all_stats to ${role}`)
          .catch(async () => client.query('rollback to savepoint stats'));
      }
      const schema = SCHEMA_OF[name];
      if (!schema) continue;
      await client.query(`create schema if not exists ${client.escapeIdentifier(schema)} authorization ${role}`);
      await client.query(`alter schema ${client.escapeIdentifier(schema)} owner to ${role}`);
    }
  });
}

async function asSuperuser(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const tls = postgresTls(url);
  const client = new pg.Client({ connectionString: tls.url, ...(tls.ssl ? { ssl: tls.ssl } : {}) });
  await client.connect();
  try {
    await client.query('begin');
    await work(client);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/**
 * What the system needs before its processes start, the same for `npm start` and the test harness: the topics'
 * namespace with broker deduplication on (a relay restart then never duplicates); in secure mode also the topic
 * grants and the database roles. Returns how many grants it made (0 when not secure).
 */
export async function prepareSystem(options: {
  readonly adminUrl: string;
  readonly namespace: string;
  readonly databaseUrl: string;
  readonly secure: SecureMaterial | undefined;
}): Promise<number> {
  const { secure } = options;
  const admin = createPulsarAdmin(options.adminUrl, { token: secure?.adminToken, tlsCaFile: secure?.caFile });
  await admin.createNamespace(options.namespace);
  await admin.setDeduplication(options.namespace, true);
  if (!secure) return 0;
  const granted = await grantTopicRights(admin, options.namespace);
  await prepareDatabaseRoles(options.databaseUrl, secure.passwords);
  return granted;
}

import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogue, fullTopicName, latestVersion, schemaText, topicNames, type TopicName } from '@alpes/contracts';
import type { SystemUnderTest } from '@alpes/infra/system';
import {
  avroSchema,
  bytesSchema,
  createPulsarClient,
  isPulsarError,
  type Producer,
  type PulsarClient,
} from '@alpes/pulsar';
import { publishRaw } from '@alpes/pulsar/testing';
import { PROCESS_NAMES } from '@alpes/infra';
import { eventually, fuzzRuns, fuzzSeed, report, startFuzzSystem } from '../src/fuzzSystem.ts';
import { decodable, poisonFor, type Poison } from '../src/poison.ts';
import {
  backlogs,
  cursorsNotAtEnd,
  deadLettered,
  deadLetterReasons,
  entryOf,
  liveSubscriptions,
} from '../src/pulsarProbe.ts';
import { entryPoisons, rssMb } from '../src/entryPoison.ts';
import { allSagasEnded, registerValid } from '../src/sagas.ts';
import { ENTITY_TABLES, rowCounts, topicCounts, unhealthy } from '../src/systemState.ts';

// Issue 9: poison messages on every topic the system consumes (ARCHITECTURE §6, invariant 5); issue 19: entries
// that cannot be opened at all.
const test = suite('fuzz: poison messages on every consumed topic (whole system)');
/** Poison messages per kind and topic: 3 in `npm test`, e.g. 125 with FUZZ_RUNS=5000. */
const PER_KIND = Math.max(1, Math.ceil(fuzzRuns(120) / 40));
let system: SystemUnderTest;
let client: PulsarClient;
let live: Map<TopicName, string[]>;

interface Sent {
  readonly topic: TopicName;
  readonly entry: string;
  readonly poison: Poison;
  readonly undecodable: boolean;
}
const sent: Sent[] = [];

test.before(async () => {
  // uvu reports no error of a failing hook: print it, or a failed start shows as four silent failures.
  system = await startFuzzSystem('fuzz_poison').catch((e: unknown) => {
    console.error(`startFuzzSystem failed: ${String(e)}`);
    throw e;
  });
  client = createPulsarClient({ serviceUrl: system.settings.pulsarUrl });
  // Consumers subscribe before a process reports healthy; the broker's stats may lag a moment behind.
  const wanted = topicNames.flatMap((t) =>
    catalogue[t].consumers.filter((c) => c.service !== 'bff').map((c) => [t, c.subscription] as const),
  );
  await eventually(
    'every catalogue subscription live',
    async () => {
      live = await liveSubscriptions(system);
      const missing = wanted.filter(([t, s]) => !live.get(t)?.includes(s)).map(([t, s]) => `${s}@${t}`);
      return missing.length === 0 ? true : `${missing.join(', ')}\n${system.output('campanas').slice(-3000)}`;
    },
    30_000,
  );
});
test.after(async () => {
  await client?.close();
  await system?.close();
});

test('every subscription the catalogue names for a service is live, and no other', () => {
  for (const topic of topicNames) {
    for (const { service, subscription } of catalogue[topic].consumers) {
      if (service === 'bff') continue; // the BFF reads eventos-saga with a non-durable reader
      assert.ok(
        live.get(topic)?.includes(subscription),
        `${service} consumes ${topic} as ${subscription}: live ${JSON.stringify(live.get(topic))}`,
      );
    }
  }
});

async function send(topic: TopicName, poisons: readonly Poison[]): Promise<void> {
  const full = fullTopicName(topic, system.settings.namespace);
  let bytes: Producer<Uint8Array> | undefined;
  let records: Producer<Record<string, unknown>> | undefined;
  for (const [i, poison] of poisons.entries()) {
    const key = `poison-${i}`;
    if (poison.kind === 'nonsense-values') {
      records ??= await client.createProducer({
        topic: full,
        schema: avroSchema<Record<string, unknown>>(schemaText(topic, latestVersion(topic))),
        batching: false,
      });
      sent.push({
        topic,
        entry: entryOf(await records.send({ value: poison.record, key })),
        poison,
        undecodable: false,
      });
    } else {
      bytes ??= await client.createProducer({ topic: full, schema: bytesSchema(), batching: false });
      sent.push({
        topic,
        entry: entryOf(await bytes.send({ value: poison.bytes, key })),
        poison,
        undecodable: !decodable(topic, poison.bytes),
      });
    }
  }
  await bytes?.close();
  await records?.close();
}

test('poison on every consumed topic: undecodable ones dead-lettered after retries, nothing created, every process alive', async () => {
  const consumed = topicNames.filter((t) => (live.get(t)?.length ?? 0) > 0 || t === 'eventos-saga');
  for (const topic of consumed) {
    const poisons = Object.values(poisonFor(topic)).flatMap((arbitrary) =>
      fc.sample(arbitrary, { numRuns: PER_KIND, ...fuzzSeed() }),
    );
    await send(topic, poisons);
  }
  log(
    `sent ${sent.length} poison messages on ${consumed.length} topics (${sent.filter((s) => s.undecodable).length} undecodable)`,
  );
  await eventually(
    'every durable subscription drained',
    async () => {
      const pending = await backlogs(system);
      return pending.length === 0 ? true : `${pending.join(', ')}; saga log: ${system.output('saga').slice(-1500)}`;
    },
    120_000 + sent.length * 50,
  );
  // The cursor itself: every entry acknowledged (the dispatcher's unackedMessages counter may still say 1–3).
  await eventually(
    'every durable cursor at the last entry',
    async () => {
      const { checked, behind } = await cursorsNotAtEnd(system);
      const expected = [...live.values()].flat().length;
      if (checked < expected) return `${checked} cursors checked, ${expected} live subscriptions`;
      return behind.length === 0 ? true : behind.join(', ');
    },
    30_000,
  );

  const missing: string[] = [];
  let nonsenseDead = 0;
  for (const [topic, subscriptions] of live) {
    for (const subscription of subscriptions) {
      const dead = await deadLettered(client, `${fullTopicName(topic, system.settings.namespace)}-${subscription}-DLQ`);
      for (const s of sent.filter((m) => m.topic === topic)) {
        if (s.undecodable && !dead.has(s.entry))
          missing.push(`${subscription}@${topic}: ${s.poison.kind} (${s.poison.note})`);
        if (!s.undecodable && dead.has(s.entry)) nonsenseDead += 1;
      }
    }
  }
  assert.equal(missing, [], 'undecodable poison not dead-lettered');
  const errors = Object.entries(await topicCounts(system)).filter(([t]) => t.endsWith('-error'));
  log(
    `decodable poison: ${nonsenseDead} dead-lettered deliveries; error events published: ${JSON.stringify(Object.fromEntries(errors))}`,
  );

  for (const s of sent.filter((m) => !m.undecodable && m.poison.kind !== 'nonsense-values'))
    log(`decodable: ${s.poison.kind} on ${s.topic} (${s.poison.note})`);
  const rows = await rowCounts(system.settings.databaseUrl);
  assert.equal(
    ENTITY_TABLES.map((t) => `${t}: ${rows[t]}`),
    ENTITY_TABLES.map((t) => `${t}: 0`),
    'poison created an entity',
  );
  // An error event may open (and at once close) a saga: it can arrive before the command the saga saw (by design).
  await allSagasEnded(system, 60_000);
  log(`sagas opened by poison error events, all ended: ${rows['saga.sagas']}`);
  assert.equal(await unhealthy(system), []);
});

test('batched and compressed poison (bombs, lying batch counts, codecs, chunks): dead-lettered with the reason, nothing written, every process alive with bounded memory', async () => {
  const consumed = [...live].filter(([, subs]) => subs.length > 0).map(([topic]) => topic);
  const poisons = entryPoisons();
  const before = await rowCounts(system.settings.databaseUrl);
  const rssBefore = Object.fromEntries(PROCESS_NAMES.map((p) => [p, rssMb(system.pid(p) as number)]));
  const pids = PROCESS_NAMES.map((p) => system.pid(p));
  const stored = new Map<TopicName, string[]>();
  for (const topic of new Set([...consumed, 'eventos-saga' as TopicName])) {
    const answers = await publishRaw(
      { serviceUrl: system.settings.pulsarUrl, topic: fullTopicName(topic, system.settings.namespace) },
      [...poisons.map((p) => p.entry), { payload: Buffer.from('hola'), corruptChecksum: true }],
    );
    const refused = answers.at(-1);
    assert.ok(
      isPulsarError(refused, 'ChecksumError'),
      `the broker refuses a bad checksum on ${topic}: ${String(refused)}`,
    );
    const ids = answers.slice(0, -1).map((a) => (a instanceof Error ? `refused: ${a.message}` : entryOf(a)));
    assert.ok(
      ids.every((id) => !id.startsWith('refused')),
      `${topic}: the broker stores every poison entry: ${ids.join(', ')}`,
    );
    stored.set(topic, ids);
  }
  log(`sent ${poisons.length} batched/compressed poison entries on each of ${stored.size} topics`);
  await eventually(
    'every durable subscription drained',
    async () => {
      const pending = await backlogs(system);
      return pending.length === 0 ? true : pending.join(', ');
    },
    120_000,
  );
  const missing: string[] = [];
  for (const topic of consumed) {
    for (const subscription of live.get(topic) ?? []) {
      const reasons = await deadLetterReasons(
        client,
        `${fullTopicName(topic, system.settings.namespace)}-${subscription}-DLQ`,
      );
      poisons.forEach((p, i) => {
        const reason = reasons.get(stored.get(topic)?.[i] as string);
        if (!reason || !p.reason.test(reason))
          missing.push(`${subscription}@${topic}: ${p.name} → ${reason ?? 'not dead-lettered'}`);
      });
    }
  }
  assert.equal(missing, [], 'poison entries dead-lettered with their reason');
  assert.equal(await rowCounts(system.settings.databaseUrl), before, 'poison wrote nothing');
  assert.equal(
    PROCESS_NAMES.map((p) => system.pid(p)),
    pids,
    'no process restarted',
  );
  const grown = PROCESS_NAMES.map((p) => `${p}: ${rssBefore[p]} → ${rssMb(system.pid(p) as number)} MB`);
  log(`resident memory: ${grown.join(', ')}`);
  for (const p of PROCESS_NAMES)
    assert.ok(rssMb(system.pid(p) as number) - (rssBefore[p] as number) < 150, grown.join(', '));
  assert.equal(await unhealthy(system), []);
});

test('the consumers go on: a valid registration afterwards completes', async () => {
  const { end } = await registerValid(system);
  assert.is(end.estado, 'completada', JSON.stringify(end));
  assert.equal(await unhealthy(system), []);
});

const log = (line: string) => report('poison', line);

test.run();

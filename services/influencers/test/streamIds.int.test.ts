// Migration 2 (issue 17): streams written by the code before it, named by the bare influencer id, become
// `influencer-<id>`, and the service goes on from them (a compensation finds the registered influencer).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { createPool, createPostgresEventStore, migrate, type DatabasePool } from '@alpes/eventstore/postgres';
import { freshDatabase } from '@alpes/infra/testing';
import { migrations } from '../src/adapters/postgres/migrations.ts';
import { runRoute } from '@alpes/service-kit';
import { eliminarInfluencerRoute, influencersHandling } from '../src/adapters/messaging/influencerConsumers.ts';
import { eliminar, ID, registrado, T0 } from './fixtures.ts';
import { eventsOf, SCHEMA } from './support.ts';

const test = suite('influencers: stream ids carried over');
const db = await freshDatabase('influencers_stream_ids');
let pool: DatabasePool;

test.before(async () => {
  pool = await createPool(db.url);
  await migrate(pool, { schema: SCHEMA, migrations: migrations.filter((m) => m.version === 1) });
  // What the code before migration 2 wrote for a registration: its events on a stream named by the bare id.
  await createPostgresEventStore({ pool, schema: SCHEMA }).appendToStream(ID, [registrado], { expectedVersion: 0 });
});

test.after(async () => {
  await pool.end();
  await db.drop();
});

test('the migration renames every stream, and a compensation goes on from the registered influencer', async () => {
  await migrate(pool, { schema: SCHEMA, migrations });
  const streams = await pool.anyFirst(
    sql.type(z.object({ stream_id: z.string() }))`select distinct stream_id from influencers.events`,
  );
  assert.equal(streams, [`influencer-${ID}`]);
  const store = createPostgresEventStore({ pool, schema: SCHEMA });
  const context = { inboxId: 'stream-ids-1', causationId: 'stream-ids-1', correlationId: null, now: T0 };
  await runRoute(eliminarInfluencerRoute, { ...influencersHandling, store, log: () => undefined }, eliminar(), context);
  assert.equal(
    (await eventsOf(pool, ID)).map((e) => e.type),
    ['InfluencerRegistrado', 'InfluencerEliminado'],
  );
  const existia = await pool.oneFirst(sql.type(z.object({ existia: z.boolean() }))`
    select (data->>'existia')::boolean as existia from influencers.events where type = 'InfluencerEliminado'`);
  assert.is(existia, true, 'the deletion found the influencer: not a tombstone on a new stream');
});

test.run();

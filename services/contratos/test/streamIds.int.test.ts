// Migration 2 (issue 17): streams written by the code before it — contracts named by the bare contract id, email
// registries `contrato-activo-<email>` — become `contrato-<id>` and `contrato_activo-<email>`, and the service goes
// on from them: the email stays taken until the old contract is deleted, then another contract may take it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { isDomainError } from '@alpes/eventstore';
import { createPool, createPostgresEventStore, migrate, type DatabasePool } from '@alpes/eventstore/postgres';
import { freshDatabase } from '@alpes/infra/testing';
import { contratosMigrations } from '../src/adapters/postgres/migrations.ts';
import { runCommand } from '@alpes/service-kit';
import type { Decisions } from '@alpes/eventstore';
import { crearContrato } from '../src/application/crearContrato.ts';
import { eliminarContrato } from '../src/application/eliminarContrato.ts';
import type { ContratoEvent } from '../src/domain/index.ts';
import { asignado, crear, creado, EMAIL, eliminar, ID, OTRO } from './fixtures.ts';

const test = suite('contratos: stream ids carried over');
const SCHEMA = 'contratos';
const db = await freshDatabase('contratos_stream_ids');
let pool: DatabasePool;

test.before(async () => {
  pool = await createPool(db.url);
  await migrate(pool, { schema: SCHEMA, migrations: contratosMigrations.filter((m) => m.version === 1) });
  // What the code before migration 2 wrote for a created contract: the contract's stream named by its bare id,
  // and the email's registry `contrato-activo-<email>`.
  const store = createPostgresEventStore({ pool, schema: SCHEMA });
  await store.appendToStream(ID, [creado], { expectedVersion: 0 });
  await store.appendToStream(`contrato-activo-${EMAIL}`, [asignado(ID)], { expectedVersion: 0 });
});

test.after(async () => {
  await pool.end();
  await db.drop();
});

/** A command through the real unit of work (both streams, one statement), as the consumers run it. */
async function run(inboxId: string, decide: (decisions: Decisions) => Promise<unknown>) {
  return runCommand<unknown, ContratoEvent>({
    store: createPostgresEventStore({ pool, schema: SCHEMA }),
    inboxId,
    consumer: 'stream-ids',
    metadata: {},
    decide,
    projections: [],
    outbox: () => [],
    onRejected: () => [],
  });
}

test('the migration renames both kinds of stream, told apart by their events', async () => {
  await migrate(pool, { schema: SCHEMA, migrations: contratosMigrations });
  const streams = await pool.anyFirst(
    sql.type(z.object({ stream_id: z.string() }))`select distinct stream_id from contratos.events order by 1`,
  );
  assert.equal(streams, [`contrato-${ID}`, `contrato_activo-${EMAIL}`]);
});

test('the email stays taken by the migrated contract; deleting that contract frees it for another', async () => {
  const refused = await run('ids-1', (decisions) => crearContrato(decisions, crear({ id_contrato: OTRO })));
  assert.ok(
    refused.outcome === 'rejected' &&
      isDomainError(refused.error) &&
      refused.error.code === 'CONTRATO_ACTIVO_EXISTENTE',
    JSON.stringify(refused),
  );
  const deleted = await run('ids-2', (decisions) => eliminarContrato(decisions, eliminar()));
  assert.is(deleted.outcome, 'applied');
  const versions = await pool.any(sql.type(
    z.object({ stream_id: z.string(), type: z.string(), stream_version: z.number() }),
  )`
    select stream_id, type, stream_version from contratos.events order by global_position`);
  assert.equal(
    versions.slice(2).map((e) => `${e.stream_id} ${e.type} v${e.stream_version}`),
    [`contrato-${ID} ContratoEliminado v2`, `contrato_activo-${EMAIL} ContratoActivoLiberado v2`],
  );
  const taken = await run('ids-3', (decisions) => crearContrato(decisions, crear({ id_contrato: OTRO })));
  assert.is(taken.outcome, 'applied');
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'slonik';
import { z } from 'zod';
import { baseMigrations, createPool, migrate, SetupError, type Migration } from '@alpes/eventstore/postgres';
import { testDatabase, type TestDatabase } from './support/database.ts';

const test = suite('migrate');
let db: TestDatabase;

test.before(async () => {
  db = await testDatabase('es_migrate');
});
test.after(async () => {
  await db.close();
});

const readModel: Migration = {
  version: 1,
  name: 'contador view',
  sql: 'create table contador_view (id text primary key, total int not null);',
};

async function tablesIn(schema: string): Promise<readonly string[]> {
  return db.pool.anyFirst(sql.type(z.object({ table_name: z.string() }))`
    select table_name from information_schema.tables where table_schema = ${schema} order by table_name`);
}

test('creates the schema, the library tables and the service tables', async () => {
  const applied = await migrate(db.pool, { schema: 'influencers', migrations: [readModel] });
  const library = baseMigrations.map((m) => `eventstore:${m.version}`);
  assert.equal(
    applied.map((m) => `${m.scope}:${m.version}`),
    [...library, 'service:1'],
  );
  assert.equal(await tablesIn('influencers'), [
    'contador_view',
    'events',
    'inbox',
    'outbox',
    'outbox_relay_state',
    'schema_migrations',
  ]);
});

test('applied twice: the second run changes nothing', async () => {
  await migrate(db.pool, { schema: 'campanas', migrations: [readModel] });
  const again = await migrate(db.pool, { schema: 'campanas', migrations: [readModel] });
  assert.equal(again, []);
  const count = await db.pool.oneFirst(
    sql.type(z.object({ n: z.number() }))`select count(*)::int4 as n from campanas.schema_migrations`,
  );
  assert.is(count, baseMigrations.length + 1);
});

test('two pools migrating one schema at once: one applies, the other finds it done', async () => {
  const other = await createPool(db.url);
  try {
    const runs = await Promise.all([
      migrate(db.pool, { schema: 'contratos', migrations: [readModel] }),
      migrate(other, { schema: 'contratos', migrations: [readModel] }),
      migrate(other, { schema: 'contratos', migrations: [readModel] }),
    ]);
    assert.equal(runs.map((applied) => applied.length).sort(), [0, 0, baseMigrations.length + 1]);
    assert.equal(await tablesIn('contratos'), [
      'contador_view',
      'events',
      'inbox',
      'outbox',
      'outbox_relay_state',
      'schema_migrations',
    ]);
  } finally {
    await other.end();
  }
});

test('a later run applies only the new migration', async () => {
  await migrate(db.pool, { schema: 'saga', migrations: [readModel] });
  const next: Migration = { version: 2, name: 'saga log', sql: 'create table saga_log (id bigserial primary key);' };
  const applied = await migrate(db.pool, { schema: 'saga', migrations: [readModel, next] });
  assert.equal(applied, [{ scope: 'service', version: 2, name: 'saga log' }]);
});

test('an applied migration whose SQL changed is refused', async () => {
  await migrate(db.pool, { schema: 'cambiada', migrations: [readModel] });
  const edited = { ...readModel, sql: `${readModel.sql} -- edited` };
  try {
    await migrate(db.pool, { schema: 'cambiada', migrations: [edited] });
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(error instanceof SetupError);
    assert.is(error.code, 'MIGRATION_CHANGED');
  }
});

test('an outbox reader role gets the outbox and the cursor, nothing else; an unknown role is refused', async () => {
  const role = `outbox_reader_${Date.now().toString(36)}`;
  await db.pool.query(sql.unsafe`create role ${sql.identifier([role])}`);
  try {
    await migrate(db.pool, { schema: 'lectura', migrations: [readModel], outboxReader: role });
    const rights = await db.pool.anyFirst(sql.type(z.object({ grant: z.string() }))`
      select table_name || ':' || privilege_type as grant from information_schema.role_table_grants
      where grantee = ${role} and table_schema = 'lectura' order by 1`);
    assert.equal(rights, ['outbox:DELETE', 'outbox:SELECT', 'outbox_relay_state:SELECT', 'outbox_relay_state:UPDATE']);
    const refused = await migrate(db.pool, { schema: 'lectura', outboxReader: 'no_such_role' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof SetupError && refused.code === 'UNKNOWN_ROLE', String(refused));
  } finally {
    await db.pool.query(sql.unsafe`drop owned by ${sql.identifier([role])}`);
    await db.pool.query(sql.unsafe`drop role ${sql.identifier([role])}`);
  }
});

test('migration text may hold dollar-quoted bodies and semicolons in strings', async () => {
  const fn: Migration = {
    version: 1,
    name: 'function',
    sql: `create table notas (texto text);
insert into notas values ('a;b $x$ c');
create function doble(n int) returns int language plpgsql as $$ begin return n * 2; end; $$;`,
  };
  await migrate(db.pool, { schema: 'funciones', migrations: [fn] });
  const result = await db.pool.oneFirst(sql.type(z.object({ v: z.number() }))`select funciones.doble(21) as v`);
  const texto = await db.pool.oneFirst(sql.type(z.object({ texto: z.string() }))`select texto from funciones.notas`);
  assert.equal([result, texto], [42, 'a;b $x$ c']);
});

test('a failing migration leaves nothing behind (one transaction)', async () => {
  const broken: Migration = {
    version: 1,
    name: 'broken',
    sql: 'create table ok_table (id int); select * from no_such_table;',
  };
  try {
    await migrate(db.pool, { schema: 'rota', migrations: [broken] });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match(String(error), /no_such_table/);
  }
  const exists = await db.pool.exists(sql.type(z.object({ one: z.number() }))`
    select 1 as one from information_schema.schemata where schema_name = 'rota'`);
  assert.is(exists, false);
});

test.run();

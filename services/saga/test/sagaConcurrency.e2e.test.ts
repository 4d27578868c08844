import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import {
  ids,
  register,
  registration,
  startE2eSystem,
  waitForEnd,
  type Registration,
  type SystemUnderTest,
} from './support/e2e.ts';

const test = suite('200 concurrent registrations (whole system)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('saga_load', { SAGA_STEP_TIMEOUT_MS: '120000' });
});
test.after(async () => {
  await system?.close();
});

type Kind = 'ok' | 'campana' | 'influencer' | 'email';

/** A mix: successes, campaign and influencer failures, and pairs that share an email (one of each pair fails). */
function mix(n: number): { body: Registration; kind: Kind }[] {
  const out: { body: Registration; kind: Kind }[] = [];
  for (let i = 0; i < n; i++) {
    const kind: Kind = (['ok', 'ok', 'campana', 'influencer', 'email'] as const)[i % 5] as Kind;
    if (kind === 'campana') out.push({ kind, body: registration({ categorias: ['astrología'] }) });
    else if (kind === 'influencer') out.push({ kind, body: registration({ email: `x${i}@example.invalid` }) });
    else if (kind === 'email')
      out.push({ kind, body: registration({ email: out[i - 4]?.body.email ?? `dup${i}@gmail.com` }) });
    else out.push({ kind, body: registration() });
  }
  return out;
}

test('every saga ends; one influencer, campaign and contract per completed saga; none alive for compensated ones', async () => {
  const registrations = mix(200);
  const answers = await Promise.all(registrations.map((r) => register(system, r.body)));
  assert.equal(
    answers.filter((a) => a.status !== 202),
    [],
  );
  const ends = await Promise.all(registrations.map((r) => waitForEnd(system, ids(r.body.id_influencer).saga, 180_000)));
  const byState = (estado: string) => ends.filter((e) => e.estado === estado).length;
  assert.is(byState('completada') + byState('compensada'), 200, 'every saga ended completada or compensada');
  // Failure kinds end compensada; a shared email: exactly one of the pair completes.
  registrations.forEach((r, i) => {
    if (r.kind === 'campana' || r.kind === 'influencer')
      assert.is(ends[i]?.estado, 'compensada', `${r.kind} failure #${i}`);
    if (r.kind === 'email') {
      const pair = [ends[i - 4]?.estado, ends[i]?.estado].sort();
      assert.equal(pair, ['compensada', 'completada'], `email pair #${i - 4}/#${i}`);
    }
  });
  const client = new pg.Client({ connectionString: system.settings.databaseUrl });
  await client.connect();
  try {
    const completed = ends.filter((e) => e.estado === 'completada').map((e) => e.id_correlacion);
    const compensated = ends.filter((e) => e.estado === 'compensada').map((e) => e.id_correlacion);
    const alive = async (sql: string, sagas: string[]) => Number((await client.query(sql, [sagas])).rows[0].n);
    assert.is(
      await alive(
        `select count(*) as n from influencers.influencers where correlation_id = any($1) and estado = 'pendiente'`,
        completed,
      ),
      completed.length,
    );
    assert.is(
      await alive(
        `select count(*) as n from campanas.campanas where correlation_id = any($1) and estado = 'activa'`,
        completed,
      ),
      completed.length,
    );
    assert.is(
      await alive(
        `select count(*) as n from contratos.contratos where correlation_id = any($1) and estado = 'activo'`,
        completed,
      ),
      completed.length,
    );
    assert.is(
      await alive(
        `select count(*) as n from influencers.influencers where correlation_id = any($1) and estado <> 'eliminado'`,
        compensated,
      ),
      0,
    );
    assert.is(
      await alive(
        `select count(*) as n from campanas.campanas where correlation_id = any($1) and estado <> 'eliminada'`,
        compensated,
      ),
      0,
    );
    assert.is(
      await alive(
        `select count(*) as n from contratos.contratos where correlation_id = any($1) and estado <> 'eliminado'`,
        compensated,
      ),
      0,
    );
    const duplicates = await client.query(
      `select stream_id, stream_version, count(*) from influencers.events group by 1, 2 having count(*) > 1`,
    );
    assert.is(duplicates.rowCount, 0);
  } finally {
    await client.end();
  }
});

test.run();

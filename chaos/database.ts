import pg from 'pg';

/** What the chaos checks read from the databases, after (or while waiting for) quiescence. */
export interface DbSnapshot {
  readonly sagas: ReadonlyMap<
    string,
    {
      readonly estado: string;
      readonly idInfluencer: string;
      readonly terminadaEn?: number;
      readonly iniciadaEn?: number;
    }
  >;
  /** Per saga, the `evento` of each `saga_log` row in order: what its stream of transitions must carry. */
  readonly sagaLog?: ReadonlyMap<string, readonly string[]>;
  /** Read-model rows per table: id → state and correlation id. */
  readonly influencers: ReadonlyMap<string, Row>;
  readonly campanas: ReadonlyMap<string, Row>;
  readonly contratos: ReadonlyMap<string, Row & { readonly email: string }>;
  /** `schema: description` of every business event recorded more than once. */
  readonly duplicateEffects: readonly string[];
  readonly unpublishedOutbox: Readonly<Record<string, number>>;
  /** Compensated sagas by the failure that started the compensation (e.g. PLAZO_VENCIDO: a step timed out). */
  readonly compensationCauses: Readonly<Record<string, number>>;
}

export interface Row {
  readonly estado: string;
  readonly correlationId: string | null;
}

export const SCHEMAS = ['influencers', 'campanas', 'contratos', 'saga'] as const;

/**
 * Business effects that must happen at most once per stream (the unique (stream_id, stream_version) only
 * rules out two events at the same version, not the same effect appended twice at two versions).
 */
const ONCE_PER_STREAM: Record<(typeof SCHEMAS)[number], { types: readonly string[]; by?: string }[]> = {
  influencers: [{ types: ['InfluencerRegistrado'] }, { types: ['InfluencerEliminado'] }],
  campanas: [{ types: ['CampanaCreada'] }, { types: ['CampanaActivada'] }, { types: ['CampanaEliminada'] }],
  contratos: [
    { types: ['ContratoCreado'] },
    { types: ['ContratoEliminado'] },
    { types: ['ContratoActivoAsignado'], by: 'id_contrato' },
  ],
  saga: [
    { types: ['SagaIniciada'] },
    { types: ['SagaCompletada', 'SagaCompensada', 'SagaFallida'] },
    { types: ['PasoCompletado'], by: 'paso' },
    { types: ['PasoCompensado'], by: 'paso' },
  ],
};

export async function readSnapshot(databaseUrl: string): Promise<DbSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined); // a lost connection fails the query in flight, which reports it
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows as Record<string, string | null>[];
    const epoch = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;
    const sagas = new Map(
      (
        await rows(
          `select id_correlacion, estado, id_influencer, ${epoch('terminada_en')} as terminada, ${epoch('iniciada_en')} as iniciada from saga.sagas`,
        )
      ).map((r) => [
        String(r['id_correlacion']),
        {
          estado: String(r['estado']),
          idInfluencer: String(r['id_influencer']),
          terminadaEn: r['terminada'] === null ? undefined : Number(r['terminada']),
          iniciadaEn: Number(r['iniciada']),
        },
      ]),
    );
    const sagaLog = new Map<string, string[]>();
    for (const r of await rows('select id_correlacion, evento from saga.saga_log order by id')) {
      const id = String(r['id_correlacion']);
      sagaLog.set(id, [...(sagaLog.get(id) ?? []), String(r['evento'])]);
    }
    const readModel = async (table: string) =>
      new Map(
        (await rows(`select id, estado, correlation_id from ${table}`)).map((r) => [
          String(r['id']),
          { estado: String(r['estado']), correlationId: r['correlation_id'] ?? null },
        ]),
      );
    const contratos = new Map(
      (await rows('select id, estado, correlation_id, influencer_email from contratos.contratos')).map((r) => [
        String(r['id']),
        {
          estado: String(r['estado']),
          correlationId: r['correlation_id'] ?? null,
          email: String(r['influencer_email']),
        },
      ]),
    );
    const duplicateEffects: string[] = [];
    for (const schema of SCHEMAS) {
      for (const rule of ONCE_PER_STREAM[schema]) {
        const by = rule.by ? `data->>'${rule.by}'` : `''`;
        const found = await client.query(
          `select stream_id, ${by} as part, count(*)::int as n, string_agg(type || '@' || stream_version, ', ' order by stream_version) as events
             from ${schema}.events where type = any($1) group by 1, 2 having count(*) > 1 limit 20`,
          [rule.types],
        );
        for (const r of found.rows)
          duplicateEffects.push(
            `${schema}.events ${r.stream_id}${r.part ? ` (${rule.by} ${r.part})` : ''}: ${r.events}`,
          );
      }
    }
    const unpublishedOutbox: Record<string, number> = {};
    for (const schema of SCHEMAS) {
      unpublishedOutbox[schema] = Number(
        (
          await client.query(
            `select count(*)::int as n from ${schema}.outbox as o, ${schema}.outbox_relay_state as s where s.id = 1 and (o.tx, o.position) > (s.last_tx, s.last_position)`,
          )
        ).rows[0].n,
      );
    }
    const causes = await client.query(
      `select coalesce(fallo_codigo, '(none)') as codigo, count(*)::int as n from saga.sagas where estado = 'compensada' group by 1 order by 2 desc`,
    );
    const compensationCauses = Object.fromEntries(
      causes.rows.map((r: { codigo: string; n: number }) => [r.codigo, r.n]),
    );
    return {
      sagas,
      sagaLog,
      compensationCauses,
      influencers: await readModel('influencers.influencers'),
      campanas: await readModel('campanas.campanas'),
      contratos,
      duplicateEffects,
      unpublishedOutbox,
    };
  } finally {
    await client.end();
  }
}

export const TERMINAL = ['completada', 'compensada', 'fallida'];

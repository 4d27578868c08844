import { sql } from 'slonik';
import type { Projection } from '@alpes/eventstore/postgres';
import { proximoPlazo, pasoEnCurso, terminada, type SagaEvent, type SagaState } from '../../domain/index.ts';
import { transicion } from '../../application/transicion.ts';

const ts = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * The saga's read models after each command, written with the append: a `saga_log` row per saga event, in
 * order, and the `sagas` row mirroring the saga's state.
 */
export const sagaReadModels: Projection<SagaEvent, SagaState> = (events, state) => {
  const last = events.at(-1);
  if (!last) return [];
  const first = events[0]?.data.at ?? last.data.at;
  const pasoActual = state.porCompensar[0] ?? pasoEnCurso(state) ?? null;
  const log = events.map((stored) => {
    const t = transicion(
      { type: stored.type, data: stored.data } as SagaEvent,
      (stored.metadata.causa as string | undefined) ?? null,
    );
    return {
      indexPaso: t.indexPaso,
      paso: t.paso,
      evento: t.evento,
      comando: t.comando,
      eventoOrigen: t.eventoOrigen,
      error: t.error,
      errorCodigo: t.errorCodigo,
      compensacion: t.compensacion,
      exitosa: t.exitosa,
      estadoSaga: t.estadoSaga,
      estadoPaso: t.estadoPaso,
      fechaEvento: ts(t.at),
    };
  });
  return [
    sql.fragment`
      insert into saga_log (id_correlacion, index_paso, paso, evento, comando, evento_origen, error, error_codigo, compensacion,
        exitosa, estado_saga, estado_paso, fecha_evento)
      select ${state.sagaId}, (r->>'indexPaso')::int4, r->>'paso', r->>'evento', r->>'comando', r->>'eventoOrigen', r->>'error',
        r->>'errorCodigo', r->>'compensacion', (r->>'exitosa')::boolean, r->>'estadoSaga', r->>'estadoPaso', (r->>'fechaEvento')::timestamptz
      from jsonb_array_elements(${sql.jsonb(log as never)}) with ordinality as t(r, ord)
      order by t.ord`,
    sql.fragment`
    insert into sagas (id_correlacion, id_influencer, estado, paso_actual, proximo_plazo, pasos, fallo_paso, fallo_codigo,
      fallo_mensaje, iniciada_en, actualizada_en, terminada_en, version)
    values (${state.sagaId}, ${state.idInfluencer}, ${state.estado}, ${pasoActual}, ${ts(proximoPlazo(state))}, ${sql.jsonb(state.pasos as never)},
      ${state.fallo?.paso ?? null}, ${state.fallo?.codigo ?? null}, ${state.fallo?.mensaje ?? null}, ${ts(first)}, ${ts(last.data.at)},
      ${terminada(state) ? ts(last.data.at) : null}, ${last.streamVersion})
    on conflict (id_correlacion) do update set estado = excluded.estado, paso_actual = excluded.paso_actual,
      proximo_plazo = excluded.proximo_plazo, pasos = excluded.pasos, fallo_paso = excluded.fallo_paso,
      fallo_codigo = excluded.fallo_codigo, fallo_mensaje = excluded.fallo_mensaje, actualizada_en = excluded.actualizada_en,
      terminada_en = excluded.terminada_en, version = excluded.version`,
  ];
};

import type { NewEvent } from '@alpes/eventstore';
import type { Projection } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import type { InfluencerEliminado, InfluencerEvent, InfluencerRegistrado } from '../../domain/index.ts';

const epochMs = (ms: number) => sql.fragment`timestamptz 'epoch' + ${ms}::int8 * interval '1 millisecond'`;

function registrado(event: NewEvent<InfluencerEvent>, data: InfluencerRegistrado['data']) {
  return sql.fragment`
    insert into influencers (id, nombre, email, categorias, plataformas, descripcion, biografia, sitio_web, telefono,
      estado, fecha_registro, correlation_id, version)
    values (${data.id_influencer}, ${data.nombre}, ${data.email}, ${sql.jsonb([...data.categorias])}, ${sql.jsonb([...data.plataformas])},
      ${data.descripcion}, ${data.biografia}, ${data.sitio_web}, ${data.telefono},
      'pendiente', ${epochMs(data.fecha_registro)}, ${event.metadata.correlationId ?? null}, ${event.streamVersion})`;
}

/** A deletion of an existing influencer updates its row; a tombstone (`existia: false`) gets a row of its own. */
function eliminado(event: NewEvent<InfluencerEvent>, data: InfluencerEliminado['data']) {
  return sql.fragment`
    insert into influencers (id, estado, razon_eliminacion, fecha_eliminacion, correlation_id, version)
    values (${data.influencer_id}, 'eliminado', ${data.razon}, ${data.fecha_eliminacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${event.streamVersion})
    on conflict (id) do update set estado = excluded.estado, razon_eliminacion = excluded.razon_eliminacion,
      fecha_eliminacion = excluded.fecha_eliminacion, version = excluded.version`;
}

/** Inline projection of the `influencers` table, written with the append (one event per command). */
export const influencersProjection: Projection<InfluencerEvent> = (events) =>
  events.map((event) =>
    event.type === 'InfluencerRegistrado'
      ? registrado(event, event.data as InfluencerRegistrado['data'])
      : eliminado(event, event.data as InfluencerEliminado['data']),
  );

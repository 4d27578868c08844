import { instanteIso, razonPorDefecto, textoOpcional, unreachable } from '@alpes/shared-kernel';
import type { CrearInfluencer, EliminarInfluencer, InfluencerCommand } from './commands.ts';
import { influencerError } from './errors.ts';
import type { InfluencerEvent } from './events.ts';
import { mismoInfluencer } from './mismoInfluencer.ts';
import type { InfluencerState } from './state.ts';
import { validarInfluencer } from './validarInfluencer.ts';

/** Reason recorded when the compensation sends none (the original saga's default text, §5.1). */

function crear(data: CrearInfluencer['data'], state: InfluencerState): InfluencerEvent[] {
  if (state.estado === 'eliminado') {
    throw influencerError('INFLUENCER_ELIMINADO', `el influencer ${data.id_influencer} fue eliminado: ${state.razon}`, {
      id_influencer: data.id_influencer,
      fecha_eliminacion: state.fecha_eliminacion,
    });
  }
  const influencer = validarInfluencer(data);
  if (state.estado === 'inexistente') return [{ type: 'InfluencerRegistrado', data: influencer }];
  if (mismoInfluencer(state.influencer, influencer)) return [];
  throw influencerError('INFLUENCER_YA_EXISTE', `el influencer ${influencer.id_influencer} ya existe con otros datos`, {
    id_influencer: influencer.id_influencer,
  });
}

/** Idempotent: an already deleted influencer yields nothing; a never created one yields a tombstone. */
function eliminar(data: EliminarInfluencer['data'], state: InfluencerState): InfluencerEvent[] {
  const influencerId = textoOpcional(data.influencer_id);
  if (influencerId === undefined) throw influencerError('INFLUENCER_ID_INVALIDO', 'falta el id del influencer');
  const fecha = instanteIso(data.fecha_eliminacion);
  if (fecha === undefined)
    throw influencerError('FECHA_INVALIDA', `fecha_eliminacion no es ISO-8601: ${data.fecha_eliminacion}`);
  if (state.estado === 'eliminado') return [];
  return [
    {
      type: 'InfluencerEliminado',
      data: {
        influencer_id: influencerId,
        razon: textoOpcional(data.razon) ?? razonPorDefecto,
        fecha_eliminacion: fecha,
        existia: state.estado === 'pendiente',
      },
    },
  ];
}

export function decide(command: InfluencerCommand, state: InfluencerState): InfluencerEvent[] {
  switch (command.type) {
    case 'CrearInfluencer':
      return crear(command.data, state);
    case 'EliminarInfluencer':
      return eliminar(command.data, state);
    default:
      return unreachable(command);
  }
}

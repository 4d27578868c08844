import { iguales, instanteIso, razonPorDefecto, textoOpcional, unreachable } from '@alpes/shared-kernel';
import type { CampanaCommand, CrearCampana, EliminarCampana } from './commands.ts';
import { campanaError } from './errors.ts';
import type { CampanaEvent } from './events.ts';
import type { Campana, CampanaState } from './state.ts';
import { validarCampana } from './validarCampana.ts';

/** Reason recorded when the compensation sends none (the original saga's default text, §5.1). */

/** A repeated `CrearCampana` is the same campaign when everything but the decision instant matches. */
function mismaCampana(a: Campana, b: Campana): boolean {
  return iguales({ ...a, fecha_creacion: null }, { ...b, fecha_creacion: null });
}

function nueva(campana: Campana): CampanaEvent[] {
  const creada: CampanaEvent = { type: 'CampanaCreada', data: campana };
  if (!campana.auto_activar) return [creada];
  return [
    creada,
    { type: 'CampanaActivada', data: { campana_id: campana.campana_id, fecha_activacion: campana.fecha_creacion } },
  ];
}

function crear(data: CrearCampana['data'], state: CampanaState): CampanaEvent[] {
  if (state.estado === 'eliminada') {
    throw campanaError('CAMPANA_ELIMINADA', `la campaña ${data.campana_id} fue eliminada: ${state.razon}`, {
      campana_id: data.campana_id,
      fecha_eliminacion: state.fecha_eliminacion,
    });
  }
  const campana = validarCampana(data);
  if (state.estado === 'inexistente') return nueva(campana);
  if (mismaCampana(state.campana, campana)) return [];
  throw campanaError('CAMPANA_YA_EXISTE', `la campaña ${campana.campana_id} ya existe con otros datos`, {
    campana_id: campana.campana_id,
  });
}

/** Idempotent: an already deleted campaign yields nothing; a never created one yields a tombstone. */
function eliminar(data: EliminarCampana['data'], state: CampanaState): CampanaEvent[] {
  const campanaId = textoOpcional(data.campana_id);
  if (campanaId === undefined) throw campanaError('CAMPANA_ID_INVALIDO', 'falta el id de la campaña');
  const fecha = instanteIso(data.fecha_eliminacion);
  if (fecha === undefined)
    throw campanaError('FECHA_INVALIDA', `fecha_eliminacion no es ISO-8601: ${data.fecha_eliminacion}`);
  if (state.estado === 'eliminada') return [];
  const campana = state.estado === 'inexistente' ? null : state.campana;
  return [
    {
      type: 'CampanaEliminada',
      data: {
        campana_id: campanaId,
        influencer_id: textoOpcional(data.influencer_id) ?? campana?.influencer_id ?? null,
        razon: textoOpcional(data.razon) ?? razonPorDefecto,
        fecha_eliminacion: fecha,
        existia: campana !== null,
      },
    },
  ];
}

export function decide(command: CampanaCommand, state: CampanaState): CampanaEvent[] {
  switch (command.type) {
    case 'CrearCampana':
      return crear(command.data, state);
    case 'EliminarCampana':
      return eliminar(command.data, state);
    default:
      return unreachable(command);
  }
}

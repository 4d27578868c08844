import { iguales, instanteIso, razonPorDefecto, textoOpcional, unreachable } from '@alpes/shared-kernel';
import type { ContratoCommand, CrearContrato, EliminarContrato, FinalizarContrato } from './commands.ts';
import { contratoError } from './errors.ts';
import type { ContratoEvent } from './events.ts';
import type { Contrato, ContratoState } from './state.ts';
import { validarContrato } from './validarContrato.ts';

/** Reason recorded when the compensation sends none (the original saga's default text, §5.1). */

function fecha(value: string, campo: string): string {
  const iso = instanteIso(value);
  if (iso === undefined)
    throw contratoError('FECHA_INVALIDA', `${campo} no es ISO-8601: ${JSON.stringify(value)}`, { campo });
  return iso;
}

/** A repeated `CrearContrato` is the same contract when everything but the decision instant matches. */
function mismoContrato(a: Contrato, b: Contrato): boolean {
  return iguales({ ...a, fecha_creacion: null }, { ...b, fecha_creacion: null });
}

function crear(data: CrearContrato['data'], state: ContratoState): ContratoEvent[] {
  if (state.estado === 'eliminado') {
    throw contratoError('CONTRATO_ELIMINADO', `el contrato ${data.id_contrato} fue eliminado: ${state.razon}`, {
      id_contrato: data.id_contrato,
      fecha_eliminacion: state.fecha_eliminacion,
    });
  }
  const contrato = validarContrato(data);
  if (state.estado === 'inexistente') return [{ type: 'ContratoCreado', data: contrato }];
  if (mismoContrato(state.contrato, contrato)) return [];
  throw contratoError('CONTRATO_YA_EXISTE', `el contrato ${contrato.id_contrato} ya existe con otros datos`, {
    id_contrato: contrato.id_contrato,
  });
}

function finalizar(data: FinalizarContrato['data'], state: ContratoState): ContratoEvent[] {
  const fecha_finalizacion = fecha(data.fecha_finalizacion, 'fecha_finalizacion');
  switch (state.estado) {
    case 'inexistente':
      throw contratoError('CONTRATO_NO_EXISTE', `el contrato ${data.id_contrato} no existe`, {
        id_contrato: data.id_contrato,
      });
    case 'eliminado':
      throw contratoError('CONTRATO_ELIMINADO', `el contrato ${data.id_contrato} fue eliminado`, {
        id_contrato: data.id_contrato,
      });
    case 'finalizado':
      return [];
    case 'activo': {
      const { id_contrato, influencer_email } = state.contrato;
      return [{ type: 'ContratoFinalizado', data: { id_contrato, influencer_email, fecha_finalizacion } }];
    }
    default:
      return unreachable(state);
  }
}

/** Idempotent: an already deleted contract yields nothing; a never created one yields a tombstone. */
function eliminar(data: EliminarContrato['data'], state: ContratoState): ContratoEvent[] {
  const contratoId = textoOpcional(data.contrato_id);
  if (contratoId === undefined) throw contratoError('CONTRATO_ID_INVALIDO', 'falta el id del contrato');
  const fecha_eliminacion = fecha(data.fecha_eliminacion, 'fecha_eliminacion');
  if (state.estado === 'eliminado') return [];
  const contrato = state.estado === 'inexistente' ? null : state.contrato;
  return [
    {
      type: 'ContratoEliminado',
      data: {
        contrato_id: contratoId,
        campana_id: textoOpcional(data.campana_id) ?? contrato?.id_campana ?? null,
        influencer_id: textoOpcional(data.influencer_id) ?? contrato?.id_influencer ?? null,
        influencer_email: contrato?.influencer_email ?? null,
        razon: textoOpcional(data.razon) ?? razonPorDefecto,
        fecha_eliminacion,
        existia: contrato !== null,
      },
    },
  ];
}

export function decide(command: ContratoCommand, state: ContratoState): ContratoEvent[] {
  switch (command.type) {
    case 'CrearContrato':
      return crear(command.data, state);
    case 'FinalizarContrato':
      return finalizar(command.data, state);
    case 'EliminarContrato':
      return eliminar(command.data, state);
    default:
      return unreachable(command);
  }
}

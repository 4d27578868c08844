import { epochDe, instanteIso, moneda, montoPositivo, textoAcotado, textoOpcional } from '@alpes/shared-kernel';
import type { CrearCampana } from './commands.ts';
import { campanaError } from './errors.ts';
import type { Campana } from './state.ts';
import type { TipoComision } from './events.ts';
import { limites } from './limites.ts';
import { validarCategoriaOrigen, validarCategorias } from './validarCategorias.ts';
import { validarCriterios, validarMaterial } from './validarCriterios.ts';

type Data = CrearCampana['data'];

const TIPOS_COMISION: readonly string[] = ['cpa', 'cpl', 'cpc'] satisfies TipoComision[];

function instante(value: string | null | undefined, campo: string): string {
  const iso = instanteIso(value ?? '');
  if (iso === undefined)
    throw campanaError('FECHA_INVALIDA', `${campo} no es una fecha ISO-8601: ${JSON.stringify(value)}`, { campo });
  return iso;
}

function fechas(data: Data): Pick<Campana, 'fecha_inicio' | 'fecha_fin'> {
  const fecha_inicio = instante(data.fecha_inicio, 'fecha_inicio');
  const fin = textoOpcional(data.fecha_fin);
  const fecha_fin = fin === undefined ? null : instante(fin, 'fecha_fin');
  if (fecha_fin !== null && (epochDe(fecha_fin) ?? 0) <= (epochDe(fecha_inicio) ?? 0)) {
    throw campanaError(
      'FECHA_FIN_NO_POSTERIOR',
      `fecha_fin (${fecha_fin}) debe ser posterior a fecha_inicio (${fecha_inicio})`,
    );
  }
  return { fecha_inicio, fecha_fin };
}

/** cpa/cpl/cpc exactly: `CPA` or `TipoComision.CPA` are refused, as the original refused them (§6.2, D-17). */
function comision(data: Data): Pick<Campana, 'tipo_comision' | 'valor_comision' | 'moneda'> {
  const tipo = (data.tipo_comision ?? '').trim();
  if (!TIPOS_COMISION.includes(tipo)) {
    throw campanaError(
      'TIPO_COMISION_INVALIDO',
      `tipo_comision debe ser cpa, cpl o cpc: ${JSON.stringify(data.tipo_comision)}`,
    );
  }
  const valor = montoPositivo(data.valor_comision);
  if (valor === undefined) {
    throw campanaError(
      'VALOR_COMISION_INVALIDO',
      `valor_comision debe ser un decimal positivo con hasta 2 decimales: ${JSON.stringify(data.valor_comision)}`,
    );
  }
  const codigo = moneda(data.moneda);
  if (codigo === undefined)
    throw campanaError('MONEDA_INVALIDA', `moneda debe tener 3 letras: ${JSON.stringify(data.moneda)}`);
  return { tipo_comision: tipo as TipoComision, valor_comision: valor, moneda: codigo };
}

function textos(data: Data): Pick<Campana, 'campana_id' | 'nombre' | 'descripcion'> {
  const campana_id = textoOpcional(data.campana_id);
  if (campana_id === undefined) throw campanaError('CAMPANA_ID_INVALIDO', 'falta el id de la campaña');
  const nombre = textoAcotado(data.nombre, limites.nombre);
  if (nombre === undefined)
    throw campanaError('NOMBRE_INVALIDO', `el nombre es obligatorio (hasta ${limites.nombre} caracteres)`);
  const descripcion = textoAcotado(data.descripcion, limites.descripcion);
  if (descripcion === undefined)
    throw campanaError(
      'DESCRIPCION_INVALIDA',
      `la descripción es obligatoria (hasta ${limites.descripcion} caracteres)`,
    );
  return { campana_id, nombre, descripcion };
}

/** The command's data normalised into the campaign it creates, or a DomainError (first rule broken). */
export function validarCampana(data: Data): Campana {
  const { campana_id, nombre, descripcion } = textos(data);
  return {
    campana_id,
    nombre,
    descripcion,
    ...comision(data),
    categorias_objetivo: validarCategorias(data.categorias_objetivo),
    ...fechas(data),
    influencer_id: textoOpcional(data.influencer_origen_id) ?? null,
    influencer_nombre: textoOpcional(data.influencer_origen_nombre) ?? null,
    influencer_email: textoOpcional(data.influencer_origen_email)?.toLowerCase() ?? null,
    categoria_origen: validarCategoriaOrigen(data.categoria_origen),
    material_promocional: validarMaterial(data, nombre, descripcion),
    criterios_afiliado: validarCriterios(data),
    auto_activar: data.auto_activar === true,
    fecha_creacion: instante(data.fecha_creacion, 'fecha_creacion'),
  };
}

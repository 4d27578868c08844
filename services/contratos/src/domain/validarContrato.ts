import {
  epochDe,
  instanteIso,
  maskEmailsIn,
  moneda,
  montoPositivo,
  normalizarEmail,
  textoAcotado,
  textoOpcional,
} from '@alpes/shared-kernel';
import type { CrearContrato } from './commands.ts';
import { contratoError } from './errors.ts';
import type { ContratoErrorCode } from './errors.ts';
import { tiposContrato } from './events.ts';
import type { TipoContrato } from './events.ts';
import { limites } from './limites.ts';
import type { Contrato } from './state.ts';

type Data = CrearContrato['data'];

function requerido(value: string | null | undefined, max: number, code: ContratoErrorCode, campo: string): string {
  const text = textoAcotado(value, max);
  if (text === undefined) throw contratoError(code, `${campo} es obligatorio (hasta ${max} caracteres)`, { campo });
  return text;
}

function instante(value: string | null | undefined, campo: string): string {
  const iso = instanteIso(value ?? '');
  if (iso === undefined)
    throw contratoError('FECHA_INVALIDA', `${campo} no es una fecha ISO-8601: ${JSON.stringify(value)}`, { campo });
  return iso;
}

function fechas(data: Data): Pick<Contrato, 'fecha_inicio' | 'fecha_fin'> {
  const fecha_inicio = instante(data.fecha_inicio, 'fecha_inicio');
  const fin = textoOpcional(data.fecha_fin);
  const fecha_fin = fin === undefined ? null : instante(fin, 'fecha_fin');
  if (fecha_fin !== null && (epochDe(fecha_fin) ?? 0) <= (epochDe(fecha_inicio) ?? 0)) {
    throw contratoError(
      'FECHA_FIN_NO_POSTERIOR',
      `fecha_fin (${fecha_fin}) debe ser posterior a fecha_inicio (${fecha_inicio})`,
    );
  }
  return { fecha_inicio, fecha_fin };
}

/** Each category trimmed and lower-cased, duplicates dropped in order; at least one, none blank. */
function categorias(values: readonly string[] | null | undefined): string[] {
  const normalised = (Array.isArray(values) ? values : []).map((c) =>
    typeof c === 'string' ? c.trim().toLowerCase() : '',
  );
  if (normalised.length === 0 || normalised.some((c) => c === '' || c.length > limites.categoria)) {
    throw contratoError(
      'CATEGORIAS_INVALIDAS',
      `se requiere al menos una categoría no vacía de hasta ${limites.categoria} caracteres`,
    );
  }
  return [...new Set(normalised)];
}

function dinero(data: Data): Pick<Contrato, 'monto_total' | 'moneda'> {
  const monto = montoPositivo(data.monto_base);
  if (monto === undefined) {
    throw contratoError(
      'MONTO_INVALIDO',
      `monto_base debe ser un decimal positivo con hasta 2 decimales: ${JSON.stringify(data.monto_base)}`,
    );
  }
  const codigo = moneda(data.moneda);
  if (codigo === undefined)
    throw contratoError('MONEDA_INVALIDA', `moneda debe tener 3 letras: ${JSON.stringify(data.moneda)}`);
  return { monto_total: monto, moneda: codigo };
}

/** Unknown or absent → `puntual`, kept from the original (§6.3) so legacy senders keep working. */
export function tipoContrato(value: string | null | undefined): TipoContrato {
  const tipo = (value ?? '').trim().toLowerCase();
  return tiposContrato.find((t) => t === tipo) ?? 'puntual';
}

function email(value: string): string {
  const normalised = normalizarEmail(value);
  if (normalised === undefined)
    throw contratoError('EMAIL_INVALIDO', `influencer_email no válido: ${maskEmailsIn(JSON.stringify(value) ?? '')}`);
  return normalised;
}

function entregables(value: string | null | undefined): string | null {
  const text = textoOpcional(value);
  if (text !== undefined && text.length > limites.texto) {
    throw contratoError('ENTREGABLES_INVALIDOS', `entregables admite hasta ${limites.texto} caracteres`);
  }
  return text ?? null;
}

/** The command's data normalised into the contract it creates, or a DomainError (first rule broken). */
export function validarContrato(data: Data): Contrato {
  const id_contrato = requerido(data.id_contrato, limites.id, 'CONTRATO_ID_INVALIDO', 'id_contrato');
  const id_influencer = requerido(data.influencer_id, limites.id, 'INFLUENCER_ID_INVALIDO', 'influencer_id');
  const id_campana = requerido(data.campana_id, limites.id, 'CAMPANA_ID_INVALIDO', 'campana_id');
  return {
    id_contrato,
    id_influencer,
    id_campana,
    ...dinero(data),
    tipo_contrato: tipoContrato(data.tipo_contrato),
    fecha_creacion: instante(data.fecha_creacion, 'fecha_creacion'),
    influencer_nombre: requerido(
      data.influencer_nombre,
      limites.nombre,
      'INFLUENCER_NOMBRE_INVALIDO',
      'influencer_nombre',
    ),
    influencer_email: email(data.influencer_email),
    campana_nombre: requerido(data.campana_nombre, limites.nombre, 'CAMPANA_NOMBRE_INVALIDO', 'campana_nombre'),
    categorias: categorias(data.categorias),
    descripcion: requerido(data.descripcion, limites.texto, 'DESCRIPCION_INVALIDA', 'descripcion'),
    entregables: entregables(data.entregables),
    ...fechas(data),
  };
}

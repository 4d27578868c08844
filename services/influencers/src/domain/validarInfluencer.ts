import { maskEmail, maskEmailsIn, normalizarEmail, textoAcotado, textoOpcional } from '@alpes/shared-kernel';
import type { CrearInfluencer } from './commands.ts';
import { dominioBloqueado } from './email.ts';
import { influencerError } from './errors.ts';
import { limites } from './limites.ts';
import type { Influencer } from './state.ts';

// http(s) with a host that has at least one dot (or is localhost), no whitespace.
const URL_WEB = /^https?:\/\/(?:[^\s/?#@]+@)?(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?$/i;

function email(value: string): string {
  const normalised = normalizarEmail(value);
  if (normalised === undefined)
    throw influencerError('EMAIL_INVALIDO', `email no válido: ${maskEmailsIn(JSON.stringify(value) ?? '')}`);
  if (dominioBloqueado(normalised)) {
    throw influencerError(
      'EMAIL_DOMINIO_BLOQUEADO',
      `el dominio del email no admite registros: ${maskEmail(normalised)}`,
      { email: normalised },
    );
  }
  return normalised;
}

/** Each category trimmed and lower-cased, duplicates dropped, order kept. */
function categorias(values: readonly string[]): string[] {
  const normalised = values.map((c) => (typeof c === 'string' ? c.trim().toLowerCase() : ''));
  const bad = normalised.find((c) => c === '' || c.length > limites.categoria);
  const unique = [...new Set(normalised)];
  if (unique.length === 0 || unique.length > limites.categorias || bad !== undefined) {
    throw influencerError(
      'CATEGORIAS_INVALIDAS',
      `se requieren entre 1 y ${limites.categorias} categorías no vacías de hasta ${limites.categoria} caracteres`,
      { categorias: values },
    );
  }
  return unique;
}

/** Optional platforms: each trimmed and lower-cased, duplicates dropped, order kept; only the known ones. */
function plataformas(values: readonly string[] | null | undefined): string[] {
  const normalised = (values ?? []).map((p) => (typeof p === 'string' ? p.trim().toLowerCase() : ''));
  const known: readonly string[] = limites.plataformas;
  const unknown = normalised.filter((p) => !known.includes(p));
  if (unknown.length > 0) {
    throw influencerError(
      'PLATAFORMAS_INVALIDAS',
      `plataformas desconocidas: ${unknown.join(', ')} (admitidas: ${known.join(', ')})`,
      { plataformas: values },
    );
  }
  return [...new Set(normalised)];
}

/** Optional text: absent or blank → null; present → bounded. */
function opcional(value: string | null | undefined, max: number, fail: () => Error): string | null {
  const text = textoOpcional(value);
  if (text === undefined) return null;
  if (text.length > max) throw fail();
  return text;
}

/** Optional phone: the digits it contains (`+34 600 111 222` → `34600111222`), 7 to 15 of them (§6.1, E.164). */
function telefono(value: string | null | undefined): string | null {
  if (textoOpcional(value) === undefined) return null;
  const digits = (value ?? '').replace(/\D/g, '');
  if (digits.length < limites.telefonoMinDigitos || digits.length > limites.telefonoMaxDigitos) {
    throw influencerError('TELEFONO_INVALIDO', `el teléfono debe tener entre 7 y 15 dígitos: ${JSON.stringify(value)}`);
  }
  return digits;
}

function sitioWeb(value: string | null | undefined): string | null {
  const fail = () =>
    influencerError('SITIO_WEB_INVALIDO', `sitio web no válido (http/https): ${JSON.stringify(value)}`);
  const url = opcional(value, limites.sitioWeb, fail);
  if (url !== null && !URL_WEB.test(url)) throw fail();
  return url;
}

function requerido(data: CrearInfluencer['data']): Pick<Influencer, 'id_influencer' | 'nombre' | 'fecha_registro'> {
  const id = textoOpcional(data.id_influencer);
  if (id === undefined) throw influencerError('INFLUENCER_ID_INVALIDO', 'falta el id del influencer');
  const nombre = textoAcotado(data.nombre, limites.nombre);
  if (nombre === undefined)
    throw influencerError('NOMBRE_INVALIDO', `el nombre es obligatorio (hasta ${limites.nombre} caracteres)`);
  if (!Number.isSafeInteger(data.fecha_registro) || data.fecha_registro < 0) {
    throw influencerError('FECHA_INVALIDA', `fecha_registro no es un instante en milisegundos: ${data.fecha_registro}`);
  }
  return { id_influencer: id, nombre, fecha_registro: data.fecha_registro };
}

/** The command's data normalised into the influencer it registers, or a DomainError (first rule broken). */
export function validarInfluencer(data: CrearInfluencer['data']): Influencer {
  const base = requerido(data);
  return {
    id_influencer: base.id_influencer,
    nombre: base.nombre,
    email: email(data.email),
    categorias: categorias(Array.isArray(data.categorias) ? data.categorias : []),
    plataformas: plataformas(data.plataformas),
    fecha_registro: base.fecha_registro,
    descripcion: opcional(data.descripcion, limites.descripcion, () =>
      influencerError('DESCRIPCION_INVALIDA', `la descripción admite hasta ${limites.descripcion} caracteres`),
    ),
    biografia: opcional(data.biografia, limites.biografia, () =>
      influencerError('BIOGRAFIA_INVALIDA', `la biografía admite hasta ${limites.biografia} caracteres`),
    ),
    sitio_web: sitioWeb(data.sitio_web),
    telefono: telefono(data.telefono),
  };
}

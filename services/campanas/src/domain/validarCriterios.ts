import { textoOpcional } from '@alpes/shared-kernel';
import type { CrearCampana } from './commands.ts';
import { campanaError } from './errors.ts';
import type { CriteriosAfiliado, MaterialPromocional } from './events.ts';

type Data = CrearCampana['data'];

/** A list of texts trimmed, blanks dropped, duplicates dropped in order; absent = empty. */
function lista(values: readonly string[] | null | undefined, normalise: (v: string) => string = (v) => v): string[] {
  const texts = (Array.isArray(values) ? values : []).map((v) => textoOpcional(typeof v === 'string' ? v : undefined));
  return [...new Set(texts.filter((v) => v !== undefined).map(normalise))];
}

/** Material defaults as in the original (§6.2): title `Material para {nombre}`, the campaign's description. */
export function validarMaterial(data: Data, nombre: string, descripcion: string): MaterialPromocional {
  return {
    titulo: textoOpcional(data.titulo_material) ?? `Material para ${nombre}`,
    descripcion: textoOpcional(data.descripcion_material) ?? descripcion,
    enlaces: lista(data.enlaces_material),
    imagenes: lista(data.imagenes_material),
    banners: lista(data.banners_material),
  };
}

/** `metricas_minimas` travels as JSON text (`"{}"` when empty); it must hold a JSON object. */
function metricas(text: string | null | undefined): string {
  const source = textoOpcional(text) ?? '{}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw campanaError('METRICAS_MINIMAS_INVALIDAS', `metricas_minimas debe ser un objeto JSON: ${source}`);
  }
  return JSON.stringify(parsed);
}

export function validarCriterios(data: Data): CriteriosAfiliado {
  return {
    tipos_permitidos: lista(data.tipos_afiliado_permitidos, (v) => v.toLowerCase()),
    paises_permitidos: lista(data.paises_permitidos, (v) => v.toUpperCase()),
    metricas_minimas: metricas(data.metricas_minimas),
  };
}

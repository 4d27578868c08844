/**
 * The categories a campaign may target: the 14 of the original's sender scripts (§11) plus `general`, the
 * saga's fallback origin category (§6.2). A category outside it makes `CrearCampana` fail with
 * CATEGORIA_NO_PERMITIDA: the documented way to drive the campaign error path from outside, since the
 * influencer step accepts any category.
 */
export const catalogoCategorias = [
  'moda',
  'belleza',
  'fitness',
  'viajes',
  'comida',
  'tecnología',
  'gaming',
  'lifestyle',
  'arte',
  'música',
  'deportes',
  'educación',
  'salud',
  'negocios',
  'general',
] as const;

export type Categoria = (typeof catalogoCategorias)[number];

/** Lower-cased, trimmed and without diacritics: `Tecnologia`, `TECNOLOGÍA` and `tecnología` are one key. */
function clave(texto: string): string {
  return texto.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

const porClave = new Map<string, Categoria>(catalogoCategorias.map((c) => [clave(c), c]));

/** The catalogue spelling of a category, or undefined when it is outside the catalogue. */
export function categoriaDelCatalogo(texto: string): Categoria | undefined {
  return porClave.get(clave(texto));
}

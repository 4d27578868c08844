import { textoOpcional } from '@alpes/shared-kernel';
import { categoriaDelCatalogo } from './catalogo.ts';
import type { Categoria } from './catalogo.ts';
import { campanaError } from './errors.ts';

/**
 * Target categories: non-empty, each in the catalogue (spelled as the catalogue spells it), duplicates
 * dropped in order. Every offending category is named in the error's details.
 */
export function validarCategorias(values: readonly string[] | null | undefined): Categoria[] {
  const given = (Array.isArray(values) ? values : []).map((v) => (typeof v === 'string' ? v.trim() : ''));
  if (given.length === 0 || given.some((v) => v === '')) {
    throw campanaError('CATEGORIAS_INVALIDAS', 'la campaña necesita al menos una categoría objetivo, ninguna vacía');
  }
  const fuera = given.filter((v) => categoriaDelCatalogo(v) === undefined);
  if (fuera.length > 0) {
    throw campanaError('CATEGORIA_NO_PERMITIDA', `categorías fuera del catálogo: ${fuera.join(', ')}`, {
      categorias: fuera,
    });
  }
  return [...new Set(given.map((v) => categoriaDelCatalogo(v) as Categoria))];
}

/** The origin category: optional, but when present it must be in the catalogue too. */
export function validarCategoriaOrigen(value: string | null | undefined): Categoria | null {
  const text = textoOpcional(value);
  if (text === undefined) return null;
  const categoria = categoriaDelCatalogo(text);
  if (categoria === undefined) {
    throw campanaError('CATEGORIA_NO_PERMITIDA', `categoría de origen fuera del catálogo: ${text}`, {
      categorias: [text],
    });
  }
  return categoria;
}

import type { Influencer } from './state.ts';

/**
 * Whether a repeated `CrearInfluencer` registers the same influencer: every normalised field but the
 * instant, which the application picks per delivery.
 */
export function mismoInfluencer(a: Influencer, b: Influencer): boolean {
  return (
    a.id_influencer === b.id_influencer &&
    a.nombre === b.nombre &&
    a.email === b.email &&
    a.categorias.length === b.categorias.length &&
    a.categorias.every((c, i) => c === b.categorias[i]) &&
    a.plataformas.length === b.plataformas.length &&
    a.plataformas.every((p, i) => p === b.plataformas[i]) &&
    a.descripcion === b.descripcion &&
    a.biografia === b.biografia &&
    a.sitio_web === b.sitio_web &&
    a.telefono === b.telefono
  );
}

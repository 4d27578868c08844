/** `nombre` is bounded at 255: the saga's `Campaña de bienvenida para {nombre}` with a 200-character name fits. */
export const limites = { nombre: 255, descripcion: 5000 } as const;

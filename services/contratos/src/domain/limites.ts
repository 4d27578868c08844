/** Bounds of the original's columns (§8.4): VARCHAR(255) names and ids, TEXT bounded for sanity. */
export const limites = { id: 255, nombre: 255, texto: 5000, categoria: 50 } as const;

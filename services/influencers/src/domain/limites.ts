/** Length bounds, the same as the BFF's JSON Schema (`@alpes/contracts` json/crearInfluencerBody.json). */
export const limites = {
  nombre: 200,
  categorias: 20,
  categoria: 50,
  descripcion: 2000,
  biografia: 5000,
  sitioWeb: 2048,
  telefonoMinDigitos: 7,
  telefonoMaxDigitos: 15,
  /** The original's platform catalogue (§6.1), the same enum as the BFF's JSON Schema. */
  plataformas: ['instagram', 'tiktok', 'youtube', 'twitter', 'facebook', 'linkedin', 'twitch'],
} as const;

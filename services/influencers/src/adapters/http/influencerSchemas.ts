// JSON Schemas of the read API (draft-07, Fastify's Ajv). Query strings are strings: Ajv does not coerce here.
const texto = { type: ['string', 'null'] } as const;
const instante = { type: ['string', 'null'], format: 'date-time' } as const;
const lista = { type: 'array', items: { type: 'string' } } as const;

export const influencerView = {
  type: 'object',
  required: ['id', 'estado', 'categorias', 'plataformas', 'version'],
  properties: {
    id: { type: 'string' },
    nombre: texto,
    email: texto,
    categorias: lista,
    plataformas: lista,
    descripcion: texto,
    biografia: texto,
    sitio_web: texto,
    telefono: texto,
    estado: { type: 'string', enum: ['pendiente', 'eliminado'] },
    razon_eliminacion: texto,
    fecha_registro: instante,
    fecha_eliminacion: instante,
    correlation_id: texto,
    version: { type: 'integer' },
  },
} as const;

export const influencerPage = {
  type: 'object',
  required: ['items', 'page', 'limit', 'total'],
  properties: {
    items: { type: 'array', items: influencerView },
    page: { type: 'integer' },
    limit: { type: 'integer' },
    total: { type: 'integer' },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    estado: { type: 'string', enum: ['pendiente', 'eliminado'] },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', description: 'page number, from 1 (default 1)' },
    limit: { type: 'string', pattern: '^(100|[1-9][0-9]?)$', description: '1 to 100 (default 20)' },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

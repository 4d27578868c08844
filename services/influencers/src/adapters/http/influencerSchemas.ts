import { pageOf, pagingQuery } from '@alpes/service-kit';
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

export const influencerPage = pageOf(influencerView);

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    estado: { type: 'string', enum: ['pendiente', 'eliminado'] },
    ...pagingQuery,
  },
} as const;

export { idParams } from '@alpes/service-kit';

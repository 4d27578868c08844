import { pageOf, pagingQuery } from '@alpes/service-kit';
import { estadosContrato } from '../postgres/contratosQueries.ts';

const nullableString = { type: ['string', 'null'] } as const;
const instant = { type: 'string', description: 'ISO-8601 UTC' } as const;
const nullableInstant = { type: ['string', 'null'], description: 'ISO-8601 UTC' } as const;

export const contratoSchema = {
  type: 'object',
  required: [
    'id',
    'influencer_id',
    'influencer_email',
    'campana_id',
    'estado',
    'monto_base',
    'moneda',
    'fecha_creacion',
    'version',
  ],
  properties: {
    id: { type: 'string' },
    influencer_id: { type: 'string' },
    influencer_nombre: { type: 'string' },
    influencer_email: { type: 'string' },
    campana_id: { type: 'string' },
    campana_nombre: { type: 'string' },
    estado: { type: 'string', enum: [...estadosContrato] },
    tipo_contrato: { type: 'string', enum: ['puntual', 'temporal', 'exclusivo', 'colaboracion'] },
    categorias: { type: 'array', items: { type: 'string' } },
    descripcion: { type: 'string' },
    entregables: nullableString,
    monto_base: { type: 'string', description: 'exact decimal, two fraction digits', pattern: '^[0-9]+\\.[0-9]{2}$' },
    moneda: { type: 'string' },
    fecha_inicio: instant,
    fecha_fin: nullableInstant,
    fecha_creacion: instant,
    fecha_finalizacion: nullableInstant,
    razon_eliminacion: nullableString,
    fecha_eliminacion: nullableInstant,
    correlation_id: nullableString,
    version: { type: 'integer' },
  },
} as const;

// Query strings are validated as strings with patterns: the app's Ajv does not coerce types.
export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    influencer_id: { type: 'string', minLength: 1, maxLength: 255 },
    campana_id: { type: 'string', minLength: 1, maxLength: 255 },
    email: { type: 'string', minLength: 3, maxLength: 320 },
    estado: { type: 'string', enum: [...estadosContrato] },
    ...pagingQuery,
  },
} as const;

export const pageSchema = pageOf(contratoSchema);

import { pageOf, pagingQuery } from '@alpes/service-kit';
// JSON Schemas of the read API (they also document it at /docs/json). Query values are strings: the app's
// Ajv does not coerce, so numbers are checked with patterns.
const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const instant = { type: ['string', 'null'], format: 'date-time' } as const;
const texts = { type: 'array', items: text } as const;

const material = {
  type: ['object', 'null'],
  properties: { titulo: text, descripcion: text, enlaces: texts, imagenes: texts, banners: texts },
} as const;

const criterios = {
  type: ['object', 'null'],
  properties: {
    tipos_permitidos: texts,
    categorias_requeridas: texts,
    paises_permitidos: texts,
    metricas_minimas: { type: 'object', additionalProperties: true },
  },
} as const;

export const campanaSchema = {
  $id: 'Campana',
  type: 'object',
  description:
    'A campaign as the read model holds it; a tombstone (deleted before it was created) has only id, estado and the deletion.',
  properties: {
    id: text,
    nombre: nullableText,
    descripcion: nullableText,
    tipo_comision: { type: ['string', 'null'], enum: ['cpa', 'cpl', 'cpc', null] },
    valor_comision: {
      type: ['string', 'null'],
      description: 'exact decimal, two fraction digits',
      examples: ['100.00'],
    },
    moneda: nullableText,
    fecha_inicio: instant,
    fecha_fin: instant,
    estado: { type: 'string', enum: ['borrador', 'activa', 'eliminada'] },
    categorias_objetivo: texts,
    material_promocional: material,
    criterios_afiliado: criterios,
    influencer_origen_id: nullableText,
    influencer_origen_nombre: nullableText,
    influencer_origen_email: nullableText,
    categoria_origen: nullableText,
    es_automatica: { type: 'boolean' },
    fecha_creacion: instant,
    fecha_activacion: instant,
    razon_eliminacion: nullableText,
    fecha_eliminacion: instant,
    correlation_id: nullableText,
    version: { type: 'integer' },
  },
} as const;

export { idParams } from '@alpes/service-kit';

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    influencer_id: { type: 'string', minLength: 1, maxLength: 200, description: 'origin influencer' },
    estado: { type: 'string', enum: ['borrador', 'activa', 'eliminada'] },
    ...pagingQuery,
  },
} as const;

export const campanaPageSchema = pageOf(campanaSchema);

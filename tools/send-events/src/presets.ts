import type { EventoCampanaCreada, EventoContratoCreado, EventoCrearInfluencer, TopicName } from '@alpes/contracts';
import { fakeInfluencer, fakePlataformas } from './fakeInfluencer.ts';
import type { Random } from './random.ts';

/** A record in its latest shape, as JSON values; envelope fields left null are filled in later (v2). */
export type WireRecord = Record<string, unknown>;

export interface Preset {
  readonly topic: TopicName;
  readonly summary: string;
  /** Builds the record of the `index`-th message. */
  readonly build: (random: Random, at: Date) => WireRecord;
}

const noEnvelope = {
  message_id: null,
  message_type: null,
  correlation_id: null,
  causation_id: null,
  occurred_at: null,
  producer_service: null,
} as const;

const crearInfluencer = (record: EventoCrearInfluencer): WireRecord => ({ ...record });

/** The original's fixed `EventoCampanaCreada` (`enviar_evento_crear_contrato_pulsar.py`, despite its name). */
export function campanaOriginal(at: Date): EventoCampanaCreada {
  return {
    data: {
      campana_id: 'camp-67890',
      nombre: 'Campaña Verano 2024',
      descripcion: 'Campaña de moda y lifestyle para el verano 2024',
      tipo_comision: 'cpa',
      valor_comision: 2500.0,
      moneda: 'USD',
      categorias_objetivo: ['moda', 'lifestyle', 'belleza'],
      fecha_inicio: '2024-06-01T00:00:00',
      fecha_fin: '2024-08-31T23:59:59',
      influencer_id: 'inf-12345',
      influencer_nombre: 'Ana García',
      influencer_email: 'ana.garcia@example.com',
      monto_base: 2500.0,
      entregables: '5 posts en Instagram, 3 stories por semana, 1 reel mensual',
      tipo_contrato: 'temporal',
      fecha_creacion: at.toISOString().slice(0, 19),
    },
    ...noEnvelope,
    valor_comision_decimal: '2500.00',
    monto_base_decimal: '2500.00',
  };
}

/** The original's fixed `EventoContratoCreado` (`enviar_evento_reportes_pulsar.py`, a leftover of `reportes`). */
export function contratoOriginal(): EventoContratoCreado {
  return {
    data: {
      id_contrato: 'fdad3d32-f6ea-4836-bc11-bb622036ab7c',
      id_influencer: 'inf-12345',
      id_campana: 'camp-67890',
      monto_total: 2500.0,
      moneda: 'USD',
      tipo_contrato: 'temporal',
      fecha_creacion: '2025-09-13 01:07:56.578686',
    },
    ...noEnvelope,
    monto_total_decimal: '2500.00',
  };
}

/** The original's four scripts (reference/original-system.md §11). */
export const presets = {
  'crear-influencer': {
    topic: 'eventos-crear-influencer',
    summary: 'a random fake influencer (enviar_evento_crear_influencer_pulsar.py)',
    build: (random, at) =>
      crearInfluencer({ data: fakeInfluencer(random, at), ...noEnvelope, plataformas: fakePlataformas(random) }),
  },
  'crear-influencer-error': {
    topic: 'eventos-crear-influencer',
    summary:
      'always Ana García / ana.garcia@gmail.com with a fresh id: from the 2nd run on, the contract step fails ' +
      '(the email already holds an active contract) and the saga compensates (…_pulsar_error.py)',
    build: (random, at) =>
      crearInfluencer({
        data: fakeInfluencer(random, at, { nombre: 'Ana García', email: 'ana.garcia@gmail.com' }),
        ...noEnvelope,
        plataformas: null,
      }),
  },
  campana: {
    topic: 'eventos-campanas',
    summary: 'the fixed CampanaCreada of camp-67890 / inf-12345 (enviar_evento_crear_contrato_pulsar.py)',
    build: (_random, at) => ({ ...campanaOriginal(at) }),
  },
  contrato: {
    topic: 'eventos-contratos',
    summary: 'the fixed ContratoCreado fdad3d32-… (enviar_evento_reportes_pulsar.py)',
    build: () => ({ ...contratoOriginal() }),
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export const presetNames = Object.keys(presets) as readonly PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}

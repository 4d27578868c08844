import { sagaIds, type TopicRecords } from '@alpes/contracts';
import { envelope } from '@alpes/service-kit';
import type { Fallo, Paso, SagaState } from '../../domain/index.ts';

/** What a command needs besides the saga's state. */
export interface CommandContext {
  readonly state: SagaState;
  readonly at: number;
  /** message_id of the message that made the saga send this command. */
  readonly causationId: string | null;
}

const iso = (at: number) => new Date(at).toISOString();

const commandEnvelope = (type: string, ctx: CommandContext, idSuffix = '') =>
  envelope({
    messageId: sagaIds.commandId(`${type}${idSuffix}`, ctx.state.sagaId),
    messageType: type,
    correlationId: ctx.state.sagaId,
    causationId: ctx.causationId,
    occurredAt: ctx.at,
    producer: 'saga',
  });

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`saga state lacks ${what}`);
  return value;
};

/** The welcome campaign of the original (§6.2), with the id the saga chose. */
export function crearCampana(ctx: CommandContext): TopicRecords['comandos-campanas'] {
  const inf = need(ctx.state.influencer, 'the influencer');
  return {
    data: {
      fecha_creacion: iso(ctx.at),
      fecha_actualizacion: iso(ctx.at),
      id: sagaIds.campanaId(ctx.state.sagaId),
      nombre: `Campaña de bienvenida para ${inf.nombre}`,
      descripcion: `Campaña automática creada para el influencer ${inf.nombre}`,
      tipo_comision: 'cpa',
      valor_comision: 100,
      moneda: 'USD',
      fecha_inicio: iso(ctx.at),
      fecha_fin: null,
      titulo_material: 'Material de bienvenida',
      descripcion_material: 'Material promocional para nuevos influencers',
      categorias_objetivo: inf.categorias,
      tipos_afiliado_permitidos: ['influencer'],
      paises_permitidos: ['CO', 'MX', 'AR'],
      enlaces_material: [],
      imagenes_material: [],
      banners_material: [],
      metricas_minimas: '{}',
      auto_activar: true,
      influencer_origen_id: inf.id_influencer,
      categoria_origen: inf.categorias[0] ?? 'general',
      influencer_origen_nombre: inf.nombre,
      influencer_origen_email: inf.email,
    },
    ...commandEnvelope('CrearCampana', ctx),
    valor_comision_decimal: '100.00',
  };
}

/** The contract for that campaign (§6.3): amount = the campaign's commission value, exact. */
export function crearContrato(ctx: CommandContext): TopicRecords['comandos-contratos-v2'] {
  const inf = need(ctx.state.influencer, 'the influencer');
  const camp = need(ctx.state.campana, 'the campaign');
  return {
    data: {
      influencer_id: inf.id_influencer,
      influencer_nombre: inf.nombre,
      influencer_email: inf.email,
      campana_id: camp.campana_id,
      campana_nombre: camp.nombre,
      categorias: camp.categorias_objetivo,
      descripcion: `Contrato automático para la campaña: ${camp.nombre}`,
      monto_base: Number(camp.valor_comision),
      moneda: camp.moneda,
      fecha_inicio: camp.fecha_inicio,
      fecha_fin: camp.fecha_fin,
      entregables: 'Contenido promocional según especificaciones de la campaña',
      tipo_contrato: 'puntual',
    },
    ...commandEnvelope('CrearContrato', ctx),
    id_contrato: sagaIds.contratoId(ctx.state.sagaId),
    monto_base_decimal: camp.valor_comision,
  };
}

const razon = (fallo: Fallo | undefined) =>
  fallo
    ? `Compensación por ${fallo.codigo} en el paso ${fallo.paso}: ${fallo.mensaje}`
    : 'Compensación por falla en saga';

/** Deletion commands; each attempt has its own message id so a retry is really processed again. */
export function eliminar(paso: Paso, intento: number, ctx: CommandContext) {
  const saga = ctx.state.sagaId;
  const common = { influencer_id: ctx.state.idInfluencer, razon: razon(ctx.state.fallo), fecha_solicitud: iso(ctx.at) };
  switch (paso) {
    case 'influencer':
      return {
        topic: 'comandos-influencers-eliminacion' as const,
        record: { data: common, ...commandEnvelope('EliminarInfluencer', ctx, `#${intento}`) },
      };
    case 'campana':
      return {
        topic: 'eventos-campanas-eliminacion-v2' as const,
        record: {
          data: { campana_id: sagaIds.campanaId(saga), ...common },
          ...commandEnvelope('EliminarCampana', ctx, `#${intento}`),
        },
      };
    case 'contrato':
      return {
        topic: 'comandos-contratos-eliminacion' as const,
        record: {
          data: { contrato_id: sagaIds.contratoId(saga), campana_id: sagaIds.campanaId(saga), ...common },
          ...commandEnvelope('EliminarContrato', ctx, `#${intento}`),
        },
      };
  }
}

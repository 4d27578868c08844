import { amountOf, isDecimalString, type ComandoCrearCampana, type CrearCampanaPayload } from '@alpes/contracts';
import { MensajeInvalido } from '@alpes/shared-kernel';
import type { CrearCampana } from '../../domain/index.ts';

/**
 * The create request as it arrives (wire `CrearCampanaPayload`): anything may be null. `valor_comision` is
 * already the exact decimal text (v2 `valor_comision_decimal`, or the v1 float rounded to cents by the adapter).
 */
export type SolicitudCampana = Omit<CrearCampanaPayload, 'valor_comision'> & { readonly valor_comision: string | null };

/**
 * Policy: request → `CrearCampana`. The saga's campaign id is kept (D-03); missing texts become "" so the
 * domain answers with the rule's code (CAMPANA_ID_INVALIDO …). `fecha_creacion` is the handling instant.
 */
export function crearCampanaCommand(solicitud: SolicitudCampana | null, now: number): CrearCampana {
  if (solicitud === null) throw new MensajeInvalido('ComandoCrearCampana sin data');
  const s = solicitud;
  return {
    type: 'CrearCampana',
    data: {
      campana_id: s.id ?? '',
      nombre: s.nombre ?? '',
      descripcion: s.descripcion ?? '',
      tipo_comision: s.tipo_comision ?? '',
      valor_comision: s.valor_comision ?? '',
      moneda: s.moneda ?? '',
      fecha_inicio: s.fecha_inicio ?? '',
      fecha_fin: s.fecha_fin,
      categorias_objetivo: s.categorias_objetivo ?? [],
      titulo_material: s.titulo_material,
      descripcion_material: s.descripcion_material,
      enlaces_material: s.enlaces_material,
      imagenes_material: s.imagenes_material,
      banners_material: s.banners_material,
      tipos_afiliado_permitidos: s.tipos_afiliado_permitidos,
      paises_permitidos: s.paises_permitidos,
      metricas_minimas: s.metricas_minimas,
      auto_activar: s.auto_activar,
      influencer_origen_id: s.influencer_origen_id,
      influencer_origen_nombre: s.influencer_origen_nombre,
      influencer_origen_email: s.influencer_origen_email,
      categoria_origen: s.categoria_origen,
      fecha_creacion: new Date(now).toISOString(),
    },
  };
}

/**
 * The exact commission: v2 `valor_comision_decimal`, else the v1 float rounded to cents (`amountOf`). A decimal
 * field that is not a decimal is passed through as text, so the domain refuses it with VALOR_COMISION_INVALIDO
 * instead of the message being dead-lettered.
 */
function valorComision(record: ComandoCrearCampana): string | null {
  const decimal = record.valor_comision_decimal;
  if (decimal !== null && !isDecimalString(decimal)) return decimal;
  return amountOf(decimal, record.data?.valor_comision ?? null);
}

/** `ComandoCrearCampana` (v1 or v2) → the application's request; null when the message has no payload. */
export function solicitudCampana(record: ComandoCrearCampana): SolicitudCampana | null {
  if (record.data === null) return null;
  return { ...record.data, valor_comision: valorComision(record) };
}

/** Wire record (v1 or v2) → `CrearCampana`, decided at `now`. */
export function toCrearCampana(record: ComandoCrearCampana, now: number): CrearCampana {
  return crearCampanaCommand(solicitudCampana(record), now);
}

import { DomainError } from '@alpes/eventstore';

/** Every way the campaign aggregate refuses a command (closed union; README lists how to trigger each). */
export const campanaErrorCodes = [
  'CAMPANA_ID_INVALIDO',
  'NOMBRE_INVALIDO',
  'DESCRIPCION_INVALIDA',
  'TIPO_COMISION_INVALIDO',
  'VALOR_COMISION_INVALIDO',
  'MONEDA_INVALIDA',
  'FECHA_INVALIDA',
  'FECHA_FIN_NO_POSTERIOR',
  'CATEGORIAS_INVALIDAS',
  'CATEGORIA_NO_PERMITIDA',
  'METRICAS_MINIMAS_INVALIDAS',
  'CAMPANA_YA_EXISTE',
  'CAMPANA_ELIMINADA',
] as const;

export type CampanaErrorCode = (typeof campanaErrorCodes)[number];

export type CampanaError = DomainError<CampanaErrorCode>;

export function campanaError(code: CampanaErrorCode, message: string, details?: Record<string, unknown>): CampanaError {
  return new DomainError(code, message, details);
}

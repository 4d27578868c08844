import { DomainError } from '@alpes/eventstore';

/**
 * Every way the contratos domain refuses a command, for both the contract aggregate and the active-contract
 * registry (closed union; README lists how to trigger each). `error_codigo` on `eventos-contratos-error`.
 */
export const contratoErrorCodes = [
  'CONTRATO_ID_INVALIDO',
  'INFLUENCER_ID_INVALIDO',
  'CAMPANA_ID_INVALIDO',
  'INFLUENCER_NOMBRE_INVALIDO',
  'CAMPANA_NOMBRE_INVALIDO',
  'DESCRIPCION_INVALIDA',
  'ENTREGABLES_INVALIDOS',
  'EMAIL_INVALIDO',
  'CATEGORIAS_INVALIDAS',
  'MONTO_INVALIDO',
  'MONEDA_INVALIDA',
  'FECHA_INVALIDA',
  'FECHA_FIN_NO_POSTERIOR',
  'CONTRATO_YA_EXISTE',
  'CONTRATO_ELIMINADO',
  'CONTRATO_NO_EXISTE',
  'CONTRATO_ACTIVO_EXISTENTE',
] as const;

export type ContratoErrorCode = (typeof contratoErrorCodes)[number];

export type ContratoError = DomainError<ContratoErrorCode>;

export function contratoError(
  code: ContratoErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ContratoError {
  return new DomainError(code, message, details);
}

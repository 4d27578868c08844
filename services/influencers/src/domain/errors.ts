import { DomainError } from '@alpes/eventstore';

/** Every way the influencer aggregate refuses a command (closed union; README lists how to trigger each). */
export const influencerErrorCodes = [
  'INFLUENCER_ID_INVALIDO',
  'NOMBRE_INVALIDO',
  'EMAIL_INVALIDO',
  'EMAIL_DOMINIO_BLOQUEADO',
  'CATEGORIAS_INVALIDAS',
  'PLATAFORMAS_INVALIDAS',
  'DESCRIPCION_INVALIDA',
  'BIOGRAFIA_INVALIDA',
  'SITIO_WEB_INVALIDO',
  'TELEFONO_INVALIDO',
  'FECHA_INVALIDA',
  'INFLUENCER_YA_EXISTE',
  'INFLUENCER_ELIMINADO',
] as const;

export type InfluencerErrorCode = (typeof influencerErrorCodes)[number];

export type InfluencerError = DomainError<InfluencerErrorCode>;

export function influencerError(
  code: InfluencerErrorCode,
  message: string,
  details?: Record<string, unknown>,
): InfluencerError {
  return new DomainError(code, message, details);
}

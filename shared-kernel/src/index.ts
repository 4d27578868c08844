// `@alpes/shared-kernel`: pure value rules shared by the services' domains (no I/O, no dependencies).
export { epochDe, instanteIso } from './instante.ts';
export { moneda, montoPositivo } from './monto.ts';
export { iguales } from './iguales.ts';
export { maskEmail, maskEmailsIn } from './mascara.ts';
export { textoAcotado, textoOpcional } from './texto.ts';
export { unreachable } from './unreachable.ts';
export { normalizarEmail } from './email.ts';
export { razonPorDefecto } from './razonPorDefecto.ts';
export { MensajeInvalido } from './mensajeInvalido.ts';
export { confirmacionEliminacion, type Confirmacion } from './confirmacion.ts';
export type { MessageContext } from './messageContext.ts';

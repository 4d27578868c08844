/**
 * A message no command can be built from (no payload, no id of what to act on): thrown where the wire record
 * becomes a command; the consumer retries it, then dead-letters it with this message as the reason. The same
 * error, and the same code, in every service.
 */
export class MensajeInvalido extends Error {
  readonly code = 'MENSAJE_INVALIDO';

  constructor(message: string) {
    super(message);
    this.name = 'MensajeInvalido';
  }
}

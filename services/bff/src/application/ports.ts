import type { CrearInfluencerBody, EventoCrearInfluencer } from '@alpes/contracts';

/** Writes a command durably: resolves only once the broker has stored it. */
export interface CommandPublisher {
  publish(command: { readonly key: string; readonly value: EventoCrearInfluencer }): Promise<void>;
  /** Resolves when a command could be published now (for `/health`). */
  ready(): Promise<void>;
}

/** Remembers the first body each `id_influencer` came with (the same id with another body is refused). */
export interface RegistrationLedger {
  claim(registro: {
    readonly body: CrearInfluencerBody;
    readonly idInfluencer: string;
    readonly idCorrelacion: string;
  }): Promise<{ readonly outcome: 'same' } | { readonly outcome: 'conflict'; readonly idCorrelacion: string }>;
}

/** The broker did not confirm in time or could not be reached: nothing was accepted (answered 503). */
export class PublisherUnavailable extends Error {
  readonly code = 'BROKER_NO_DISPONIBLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublisherUnavailable';
  }
}

export function isPublisherUnavailable(error: unknown): error is PublisherUnavailable {
  return (error as { code?: unknown } | null)?.code === 'BROKER_NO_DISPONIBLE';
}

/** The registrations ledger (PostgreSQL) could not be read or written: nothing was accepted (answered 503). */
export class LedgerUnavailable extends Error {
  readonly code = 'REGISTRO_NO_DISPONIBLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerUnavailable';
  }
}

/** A dependency of the registration was down: the client may send the same request again later. */
export function isUnavailable(error: unknown): error is PublisherUnavailable | LedgerUnavailable {
  return isPublisherUnavailable(error) || (error as { code?: unknown } | null)?.code === 'REGISTRO_NO_DISPONIBLE';
}

/** The id already started a saga with another body (answered 409, naming that saga). */
export class IdEnUso extends Error {
  readonly code = 'ID_INFLUENCER_EN_USO';
  readonly idCorrelacion: string;

  constructor(idInfluencer: string, idCorrelacion: string) {
    super(`id_influencer ${idInfluencer} already started saga ${idCorrelacion} with another body`);
    this.name = 'IdEnUso';
    this.idCorrelacion = idCorrelacion;
  }
}

export function isIdEnUso(error: unknown): error is IdEnUso {
  return (error as { code?: unknown } | null)?.code === 'ID_INFLUENCER_EN_USO';
}

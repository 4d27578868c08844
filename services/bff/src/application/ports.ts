import type { EventoCrearInfluencer } from '@alpes/contracts';

/** Writes a command durably: resolves only once the broker has stored it. */
export interface CommandPublisher {
  publish(command: { readonly key: string; readonly value: EventoCrearInfluencer }): Promise<void>;
  /** Resolves when a command could be published now (for `/health`). */
  ready(): Promise<void>;
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

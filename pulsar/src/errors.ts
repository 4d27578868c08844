/** Stable error codes; callers branch on `code`, never on message text. */
export type PulsarErrorCode =
  | 'UnknownError'
  | 'MetadataError'
  | 'PersistenceError'
  | 'AuthenticationError'
  | 'AuthorizationError'
  | 'ConsumerBusy'
  | 'ServiceNotReady'
  | 'ProducerBlockedQuotaExceeded'
  | 'ChecksumError'
  | 'UnsupportedVersion'
  | 'TopicNotFound'
  | 'SubscriptionNotFound'
  | 'ConsumerNotFound'
  | 'TooManyRequests'
  | 'TopicTerminated'
  | 'ProducerBusy'
  | 'InvalidTopicName'
  | 'IncompatibleSchema'
  | 'ConsumerAssignError'
  | 'NotAllowed'
  | 'ProducerFenced'
  | 'Timeout'
  | 'NotConnected'
  | 'AlreadyClosed'
  | 'ProtocolError'
  | 'LookupFailed'
  | 'SchemaDecodeError'
  | 'InvalidConfiguration'
  | 'MessageTooBig'
  | 'NotSupported';

/** ServerError enum of PulsarApi.proto, by number. */
const SERVER_ERRORS: readonly PulsarErrorCode[] = [
  'UnknownError',
  'MetadataError',
  'PersistenceError',
  'AuthenticationError',
  'AuthorizationError',
  'ConsumerBusy',
  'ServiceNotReady',
  'ProducerBlockedQuotaExceeded',
  'ProducerBlockedQuotaExceeded',
  'ChecksumError',
  'UnsupportedVersion',
  'TopicNotFound',
  'SubscriptionNotFound',
  'ConsumerNotFound',
  'TooManyRequests',
  'TopicTerminated',
  'ProducerBusy',
  'InvalidTopicName',
  'IncompatibleSchema',
  'ConsumerAssignError',
  'UnknownError',
  'UnknownError',
  'NotAllowed',
  'UnknownError',
  'UnknownError',
  'ProducerFenced',
];

const HINTS: Partial<Record<PulsarErrorCode, string>> = {
  IncompatibleSchema:
    'the topic schema registry refused this schema; add new fields with defaults or check the namespace compatibility strategy',
  ProducerBusy: 'another producer with the same name is connected to this topic',
  TopicNotFound: 'create the topic first, or enable topic auto-creation on the broker',
  AuthenticationError: 'check the client token',
  AuthorizationError: 'the token role lacks permission on this topic or namespace',
  NotConnected: 'the broker connection is down; the client reconnects by itself',
};

export class PulsarError extends Error {
  readonly code: PulsarErrorCode;

  constructor(code: PulsarErrorCode, message: string, options?: { cause?: unknown }) {
    const hint = HINTS[code];
    super(hint ? `${message} (${hint})` : message, options);
    this.name = 'PulsarError';
    this.code = code;
  }
}

export function serverErrorCode(error: number | undefined): PulsarErrorCode {
  return SERVER_ERRORS[error ?? 0] ?? 'UnknownError';
}

export function isPulsarError(e: unknown, code?: PulsarErrorCode): e is PulsarError {
  if (!(e instanceof Error) || e.name !== 'PulsarError') return false;
  return code === undefined || (e as PulsarError).code === code;
}

/** Errors after which retrying the same request (after a new lookup) can succeed. */
export function isRetryable(e: unknown): boolean {
  if (!isPulsarError(e)) return false;
  const c = e.code;
  return (
    c === 'ServiceNotReady' ||
    c === 'TooManyRequests' ||
    c === 'NotConnected' ||
    c === 'Timeout' ||
    c === 'MetadataError' ||
    c === 'PersistenceError' ||
    c === 'LookupFailed' ||
    c === 'ProducerBusy' ||
    c === 'ConsumerBusy' ||
    c === 'UnknownError'
  );
}

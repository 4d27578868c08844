// Root entry: types and pure code only. The PostgreSQL adapter is `@alpes/eventstore/postgres`.
export type {
  Event,
  EventMetadata,
  Decider,
  StoredEvent,
  NewEvent,
  ExpectedVersion,
  OutboxMessage,
  ReadStreamResult,
} from './types.ts';
export type { Decision, Decisions } from './decisions.ts';
export { DomainError, isDomainError } from './domainError.ts';
export { ConcurrencyError, isConcurrencyError } from './concurrencyError.ts';
export { fold } from './fold.ts';

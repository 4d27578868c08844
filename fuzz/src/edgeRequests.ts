import fc, { type Arbitrary } from 'fast-check';
import type { FuzzRequest } from './httpRequests.ts';
import { nastyStrings } from './schemaArbitraries.ts';

/** Credentials and resume points of the BFF's public edge (issue 16), valid, near-valid and hostile. */
export interface EdgeSecrets {
  /** A saga id and its real capability token (from a 202), so valid credentials are tried too. */
  readonly saga: string;
  readonly token: string;
  readonly operatorToken: string;
}

const printable = fc.string({ maxLength: 120, unit: 'binary-ascii' }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const base64url = (length: number) =>
  fc.string({ minLength: length, maxLength: length, unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_') });
const bigNumber = fc.oneof(
  fc.nat().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.constantFrom('9007199254740993', '-1', '00', '1e3'),
);

/** `ledger:entry:partition:batch`, with numbers past 2^53, negatives, missing parts and garbage. */
export const lastEventId: Arbitrary<string> = fc.oneof(
  fc.tuple(bigNumber, bigNumber, bigNumber, bigNumber).map((parts) => parts.join(':')),
  fc.array(bigNumber, { maxLength: 6 }).map((parts) => parts.join(':')),
  printable,
);

function tokenLike(secrets: EdgeSecrets): Arbitrary<string> {
  return fc.oneof(
    fc.constant(secrets.token),
    base64url(43),
    printable,
    fc.constantFrom(...nastyStrings),
    fc.constant(secrets.token.slice(1)),
  );
}

function ticketLike(): Arbitrary<string> {
  return fc.oneof(
    fc.tuple(bigNumber, base64url(43)).map(([expires, signature]) => `${expires}.${signature}`),
    printable,
  );
}

function authorization(secrets: EdgeSecrets): Arbitrary<string> {
  return fc.oneof(
    fc.constant(`Bearer ${secrets.operatorToken}`),
    printable.map((t) => `Bearer ${t}`),
    printable,
    fc.constant('Bearer '),
  );
}

const query = (pairs: readonly (readonly [string, string | undefined])[]): string => {
  const present = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  return present.length === 0
    ? ''
    : `?${new URLSearchParams(present.map(([k, v]): [string, string] => [k, v])).toString()}`;
};

/** `GET /stream`, `GET /sagas/{id}` and `POST /operator/tickets` with every mix of the edge's credentials. */
export function edgeRequestOf(secrets: EdgeSecrets): Arbitrary<FuzzRequest> {
  const saga = fc.oneof(fc.constant(secrets.saga), fc.uuid(), printable);
  const maybe = <T>(arbitrary: Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const headers = fc
    .record({ 'last-event-id': maybe(lastEventId), authorization: maybe(authorization(secrets)) }, { requiredKeys: [] })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const stream = fc
    .tuple(maybe(saga), maybe(tokenLike(secrets)), maybe(ticketLike()), headers)
    .map(([s, token, ticket, h]): FuzzRequest => ({
      method: 'GET',
      target: `/stream${query([
        ['saga', s],
        ['token', token],
        ['ticket', ticket],
      ])}`,
      headers: { accept: 'text/event-stream', ...h },
      kind: 'edge stream',
    }));
  const sagas = fc.tuple(saga, maybe(tokenLike(secrets)), headers).map(([s, token, h]): FuzzRequest => ({
    method: 'GET',
    target: `/sagas/${encodeURIComponent(s)}${query([['token', token]])}`,
    headers: h,
    kind: 'edge saga',
  }));
  const tickets = headers.map((h): FuzzRequest => ({
    method: 'POST',
    target: '/operator/tickets',
    headers: h,
    kind: 'edge ticket',
  }));
  return fc.oneof({ weight: 3, arbitrary: stream }, { weight: 2, arbitrary: sagas }, { weight: 1, arbitrary: tickets });
}

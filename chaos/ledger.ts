import { sagaIds } from '@alpes/contracts';
import { TERMINAL, type DbSnapshot, type Row } from './database.ts';
import type { Outcome } from './load.ts';
import type { Followed } from './sseFollower.ts';

export interface Ledger {
  /** Printable lines: each kind of violation with its count, then up to 15 examples. */
  readonly violations: string[];
  readonly violationCount: number;
  /** Worth a look, not a broken invariant (e.g. a saga that ended `fallida`). */
  readonly notes: string[];
  readonly sagasByState: Record<string, number>;
}

const ALIVE = {
  influencers: (r: Row) => r.estado !== 'eliminado',
  campanas: (r: Row) => r.estado !== 'eliminada',
  contratos: (r: Row) => r.estado !== 'eliminado',
} as const;
const EXPECTED = { influencers: 'pendiente', campanas: 'activa', contratos: 'activo' } as const;
type Table = keyof typeof ALIVE;
const TABLES = Object.keys(ALIVE) as Table[];

/** Cap per kind of violation, so that a systematic failure does not print 1 000 lines. */
const CAP = 15;

export interface LedgerOptions {
  /** Every saga must end by then (epoch ms): the faults' end plus three times a step's deadline. */
  readonly endedBy?: number;
  /** A transaction held open during the run, and the highest horizon age the relays' metric reported meanwhile. */
  readonly held?: { readonly heldMs: number; readonly maxHorizonAgeS: number };
  /** Dashboard clients that followed each BFF's stream: each must have seen every transition of every saga started after it connected. */
  readonly followed?: readonly Followed[];
}

/** The invariants of ARCHITECTURE §6 checked on what the databases hold after quiescence. */
export function checkLedger(db: DbSnapshot, outcomes: readonly Outcome[], options: LedgerOptions = {}): Ledger {
  const found = new Map<string, string[]>();
  const violate = (kind: string, detail: string) => {
    found.set(kind, [...(found.get(kind) ?? []), detail]);
  };
  const notes: string[] = [];
  const sagasByState: Record<string, number> = {};
  for (const saga of db.sagas.values()) sagasByState[saga.estado] = (sagasByState[saga.estado] ?? 0) + 1;

  for (const outcome of outcomes.filter((o) => o.accepted)) {
    const { saga, index, kind } = outcome.planned;
    const estado = db.sagas.get(saga)?.estado;
    if (!estado) violate('accepted registration without a saga', `#${index} (${kind}) saga ${saga}`);
    else if (!TERMINAL.includes(estado))
      violate('accepted registration whose saga did not end', `#${index} (${kind}) saga ${saga}: ${estado}`);
    if (estado === 'completada' && (kind === 'campana' || kind === 'influencer')) {
      violate('an injected failure ended completada', `#${index} (${kind}) saga ${saga}`);
    }
  }
  for (const [id, saga] of db.sagas) {
    if (!TERMINAL.includes(saga.estado)) violate('saga not in a terminal state', `${id}: ${saga.estado}`);
    const late =
      options.endedBy !== undefined && saga.terminadaEn !== undefined ? saga.terminadaEn - options.endedBy : 0;
    if (late > 0)
      violate(
        'saga ended later than 3× a step deadline after the faults stopped',
        `${id}: ${(late / 1000).toFixed(1)} s late`,
      );
  }
  if (options.held && options.held.maxHorizonAgeS < options.held.heldMs / 2000) {
    violate(
      "the relays' horizon-age metric did not show a transaction held open",
      `held ${options.held.heldMs / 1000} s, metric at most ${options.held.maxHorizonAgeS} s`,
    );
  }

  // Every alive row belongs to a completed saga, and each completed saga has exactly its own three.
  const aliveByCorrelation = new Map<string, Record<Table, string[]>>();
  for (const table of TABLES) {
    for (const [id, row] of db[table]) {
      if (!ALIVE[table](row)) continue;
      const key = row.correlationId ?? '(none)';
      const entry = aliveByCorrelation.get(key) ?? { influencers: [], campanas: [], contratos: [] };
      entry[table].push(id);
      aliveByCorrelation.set(key, entry);
    }
  }
  for (const [correlation, alive] of aliveByCorrelation) {
    const estado = db.sagas.get(correlation)?.estado;
    if (estado === 'completada') continue;
    const what = TABLES.filter((t) => alive[t].length > 0)
      .map((t) => `${t} ${alive[t].join(',')}`)
      .join('; ');
    if (estado === 'fallida') notes.push(`saga ${correlation} ended fallida with alive: ${what}`);
    else violate(`alive rows of a saga that is not completada`, `${correlation} (${estado ?? 'no saga'}): ${what}`);
  }
  for (const [id, saga] of db.sagas) {
    if (saga.estado === 'fallida') notes.push(`saga ${id} ended fallida`);
    if (saga.estado !== 'completada') continue;
    const expected: Record<Table, string> = {
      influencers: saga.idInfluencer,
      campanas: sagaIds.campanaId(id),
      contratos: sagaIds.contratoId(id),
    };
    for (const table of TABLES) {
      const row = db[table].get(expected[table]);
      if (row?.estado !== EXPECTED[table])
        violate(
          `completed saga without its ${table} row ${EXPECTED[table]}`,
          `${id}: ${table} ${expected[table]} is ${row?.estado ?? 'missing'}`,
        );
      const alive = aliveByCorrelation.get(id)?.[table] ?? [];
      if (alive.length !== 1)
        violate(`completed saga with ${alive.length} alive ${table}`, `${id}: ${alive.join(',')}`);
    }
  }

  const contractsPerEmail = new Map<string, string[]>();
  for (const [id, row] of db.contratos)
    if (ALIVE.contratos(row)) contractsPerEmail.set(row.email, [...(contractsPerEmail.get(row.email) ?? []), id]);
  for (const [email, ids] of contractsPerEmail)
    if (ids.length > 1) violate('more than one active contract per email', `${email}: ${ids.join(', ')}`);

  for (const client of options.followed ?? []) {
    if (client.since === Number.POSITIVE_INFINITY) violate('a stream client never got a stream', client.bff);
    if (client.resets > 0)
      violate(
        'a stream client was told to reset (its resume was not replayed)',
        `${client.bff}: ${client.resets} resets`,
      );
    for (const [id, saga] of db.sagas) {
      if (saga.iniciadaEn === undefined || saga.iniciadaEn < client.since + 1000) continue;
      const missing = missingFrom(client.transitions.get(id) ?? [], db.sagaLog?.get(id) ?? []);
      if (missing.length > 0)
        violate(
          'a stream client missed transitions of a saga it followed',
          `${client.bff} saga ${id}: ${missing.join(', ')}`,
        );
    }
    if (found.has('a stream client missed transitions of a saga it followed'))
      notes.push(`${client.bff} connections: ${client.connections.join('; ')}`);
  }

  for (const duplicate of db.duplicateEffects) violate('duplicated business effect', duplicate);
  for (const [schema, n] of Object.entries(db.unpublishedOutbox))
    if (n > 0) violate('outbox rows never published', `${schema}.outbox: ${n}`);

  const violations = [...found].flatMap(([kind, details]) => [
    `${kind}: ${details.length}`,
    ...details.slice(0, CAP).map((d) => `    ${d}`),
    ...(details.length > CAP ? [`    … and ${details.length - CAP} more`] : []),
  ]);
  const violationCount = [...found.values()].reduce((sum, details) => sum + details.length, 0);
  return { violations, violationCount, notes, sagasByState };
}

/** The entries of `expected` (a multiset) that `seen` lacks. */
function missingFrom(seen: readonly string[], expected: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const e of seen) left.set(e, (left.get(e) ?? 0) + 1);
  return expected.filter((e) => {
    const n = left.get(e) ?? 0;
    left.set(e, n - 1);
    return n <= 0;
  });
}

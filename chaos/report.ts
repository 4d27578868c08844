import { loadavg } from 'node:os';
import type { KillRecord, Target } from './killer.ts';
import type { Ledger } from './ledger.ts';
import type { Kind, Outcome } from './load.ts';
import type { Settled } from './quiescence.ts';
import type { FaultRecord } from './network.ts';
import type { HeldTransaction } from './heldTransaction.ts';
import type { Followed } from './sseFollower.ts';

export interface RunFacts {
  readonly command: string;
  readonly seed: number;
  readonly startedAt: number;
  readonly loadMs: number;
  readonly quiescenceMs: number;
  readonly outcomes: readonly Outcome[];
  readonly kills: readonly KillRecord[];
  readonly settled: Settled;
  readonly ledger: Ledger;
  readonly faults: readonly FaultRecord[];
  readonly held?: HeldTransaction;
  readonly followed: readonly Followed[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The final report: counts, kills, dead letters, then every violation. Returns the printable lines. */
export function report(facts: RunFacts): string[] {
  const { outcomes, ledger, settled } = facts;
  const accepted = outcomes.filter((o) => o.accepted);
  const acceptedSagas = new Set(accepted.map((o) => o.planned.saga));
  const unacceptedButStarted = [...settled.db.sagas.keys()].filter((id) => !acceptedSagas.has(id)).length;
  const kinds: Kind[] = ['ok', 'campana', 'influencer', 'email'];
  const byKind = kinds
    .map((kind) => {
      const mine = outcomes.filter((o) => o.planned.kind === kind);
      return `${kind} ${mine.filter((o) => o.accepted).length}/${mine.length}`;
    })
    .join(', ');
  const acceptedStates = countBy(accepted, (o) => settled.db.sagas.get(o.planned.saga)?.estado ?? 'missing');
  const killsBy = countBy(facts.kills, (k) => k.target);
  const restartBy = (target: Target) =>
    facts.kills
      .filter((k) => k.target === target)
      .map((k) => seconds(k.restartMs))
      .join('/');
  const retried = accepted.filter((o) => o.attempts > 1).length;
  const refusals = countBy(
    outcomes.flatMap((o) => o.refusals),
    (r) => r.split(' ')[0] ?? r,
  );
  const total = Date.now() - facts.startedAt;
  const lines = [
    '',
    '=== chaos result ===',
    `command:        ${facts.command}`,
    `seed:           ${facts.seed}`,
    `duration:       ${seconds(total)} (load ${seconds(facts.loadMs)}, quiescence ${seconds(facts.quiescenceMs)})`,
    `load average:   ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15 min, at the end)`,
    `registrations:  ${outcomes.length} sent, ${accepted.length} accepted (202), ${outcomes.length - accepted.length} refused; accepted/sent by kind: ${byKind}`,
    `refusals:       ${retried} accepted only after a retry; refused attempts by cause: ${list(refusals)}`,
    `sagas:          ${list(ledger.sagasByState)} (in saga.sagas; ${unacceptedButStarted} started by a POST whose 202 never arrived)`,
    `accepted sagas: ${list(acceptedStates)}`,
    `compensated:    by cause ${list(settled.db.compensationCauses)} (PLAZO_VENCIDO: a step missed its deadline)`,
    `kills:          ${facts.kills.length} — ${Object.entries(killsBy)
      .map(([t, n]) => `${t} ${n} (restart ${restartBy(t as Target)})`)
      .join(', ')}`,
    `network faults: ${facts.faults.length} — ${list(countBy(facts.faults, (f) => f.kind))}; by link ${list(countBy(facts.faults, (f) => f.link))}`,
    `held xact:      ${facts.held ? `${seconds(facts.held.heldMs)} at +${seconds(facts.held.atMs)}; the relays' horizon age reached ${facts.held.maxHorizonAgeS.toFixed(0)} s${facts.held.endedBy ? ` (ended early: ${facts.held.endedBy})` : ''}` : 'none'}`,
    `streams:        ${facts.followed.map((f) => `${f.bff}: ${f.transitions.size} sagas seen, ${f.reconnects} reconnects (Last-Event-ID), ${f.resets} resets`).join('; ') || 'none'}`,
    `dead letters:   ${list(settled.topics.deadLetters)}`,
    `subscriptions:  ${settled.topics.subscriptionsChecked} durable subscriptions checked, ${settled.topics.undrained.length} not drained`,
    `outbox:         unpublished ${list(settled.db.unpublishedOutbox)}`,
    ...(ledger.notes.length > 0 ? ['notes:', ...ledger.notes.slice(0, 20).map((n) => `    ${n}`)] : []),
  ];
  const pending =
    settled.pending.length > 0 ? ['still pending at the deadline:', ...settled.pending.map((p) => `    ${p}`)] : [];
  const undrained =
    settled.topics.undrained.length > 0
      ? [
          `messages left unacknowledged: ${settled.topics.undrained.length}`,
          ...settled.topics.undrained.map((u) => `    ${u}`),
        ]
      : [];
  const violations = [...pending, ...undrained, ...ledger.violations];
  const count = ledger.violationCount + settled.topics.undrained.length + settled.pending.length;
  return [...lines, `violations:     ${count}`, ...violations];
}

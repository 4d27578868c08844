import { sagaIds } from '@alpes/contracts';
import type { Rng } from './rng.ts';

/** What a registration is meant to provoke (the triggers of services/saga/test). */
export type Kind = 'ok' | 'campana' | 'influencer' | 'email';

export interface Planned {
  readonly index: number;
  readonly kind: Kind;
  readonly saga: string;
  readonly body: { id_influencer: string; nombre: string; email: string; categorias: string[] };
}

export interface Outcome {
  readonly planned: Planned;
  readonly accepted: boolean;
  readonly attempts: number;
  /** Status or error of each refused attempt. */
  readonly refusals: readonly string[];
}

/** ~70 % successes; campaign failures (astrología), influencer failures (example.invalid), reused emails. */
export function plan(count: number, rng: Rng): Planned[] {
  const out: Planned[] = [];
  const okEmails: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = rng.uuid();
    const roll = rng.next();
    const kind: Kind =
      roll < 0.7 || (roll >= 0.9 && okEmails.length === 0)
        ? 'ok'
        : roll < 0.8
          ? 'campana'
          : roll < 0.9
            ? 'influencer'
            : 'email';
    const email =
      kind === 'influencer'
        ? `chaos.${id.slice(0, 8)}@example.invalid`
        : kind === 'email'
          ? rng.pick(okEmails)
          : `chaos.${id.slice(0, 8)}@gmail.com`;
    if (kind === 'ok') okEmails.push(email);
    const categorias = kind === 'campana' ? ['astrología'] : ['moda', 'belleza'];
    out.push({
      index,
      kind,
      saga: sagaIds.correlationId(id),
      body: { id_influencer: id, nombre: `Chaos ${index}`, email, categorias },
    });
  }
  return out;
}

export interface LoadOptions {
  /** The BFFs: registration i goes to BFF i mod n, and each retry to the next one. */
  readonly bffUrls: readonly string[];
  readonly registrations: readonly Planned[];
  readonly ratePerSec: number;
  /** Attempts per registration when the BFF is down or answers 503. */
  readonly attempts: number;
  readonly log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open loop: registration i leaves at i / rate whatever happened to the previous ones. */
export async function runLoad(options: LoadOptions): Promise<Outcome[]> {
  const started = Date.now();
  const pending: Promise<Outcome>[] = [];
  let accepted = 0;
  let refused = 0;
  const progress = setInterval(() => {
    options.log(
      `load: ${pending.length}/${options.registrations.length} sent, ${accepted} accepted, ${refused} refused`,
    );
  }, 10_000);
  for (const planned of options.registrations) {
    const due = started + (planned.index * 1000) / options.ratePerSec;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(
      send(planned, options).then((outcome) => {
        if (outcome.accepted) accepted++;
        else refused++;
        return outcome;
      }),
    );
  }
  const outcomes = await Promise.all(pending);
  clearInterval(progress);
  return outcomes;
}

/** POSTs the same body again after a refusal (the BFF is idempotent per id_influencer). */
async function send(planned: Planned, options: LoadOptions): Promise<Outcome> {
  const refusals: string[] = [];
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const bffUrl = options.bffUrls[(planned.index + attempt - 1) % options.bffUrls.length];
    try {
      const response = await fetch(`${bffUrl}/influencers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(planned.body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      if (response.status === 202) return { planned, accepted: true, attempts: attempt, refusals };
      refusals.push(`${response.status}${response.status === 503 ? '' : ` ${text.slice(0, 200)}`}`);
      if (response.status !== 503) break;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      refusals.push(cause ?? (error as Error).name);
    }
    await sleep(Math.min(8000, 1000 * 2 ** (attempt - 1)));
  }
  options.log(
    `registration #${planned.index} (${planned.kind}) refused after ${refusals.length} attempt(s): ${refusals.join(', ')}`,
  );
  return { planned, accepted: false, attempts: refusals.length, refusals };
}

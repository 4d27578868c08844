import { randomUUID } from 'node:crypto';
import type { SystemUnderTest } from '@alpes/infra/system';
import { eventually } from './fuzzSystem.ts';

const TERMINAL = ['completada', 'compensada', 'fallida'];

interface SagaView {
  readonly estado: string;
  readonly fallo_codigo: string | null;
  readonly fallo_mensaje?: string | null;
}

/** A plain valid registration through the BFF; resolves with the saga id once it ended, and its end state. */
export async function registerValid(system: SystemUnderTest): Promise<{ saga: string; end: SagaView }> {
  const id = randomUUID();
  const response = await fetch(`${system.url('bff')}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id_influencer: id,
      nombre: 'Ana García',
      email: `ana.${id.slice(0, 8)}@gmail.com`,
      categorias: ['moda'],
    }),
  });
  if (response.status !== 202)
    throw new Error(`a valid registration answered ${response.status}: ${await response.text()}`);
  const saga = ((await response.json()) as { id_correlacion: string }).id_correlacion;
  return { saga, end: await sagaEnd(system, saga) };
}

export async function sagaEnd(system: SystemUnderTest, saga: string, timeoutMs = 90_000): Promise<SagaView> {
  let view: SagaView | undefined;
  await eventually(
    `saga ${saga} ends`,
    async () => {
      const response = await fetch(`${system.url('saga')}/sagas/${saga}`).catch(() => undefined);
      view = response?.ok ? ((await response.json()) as SagaView) : undefined;
      return view !== undefined && TERMINAL.includes(view.estado) ? true : JSON.stringify(view);
    },
    timeoutMs,
  );
  return view as SagaView;
}

/** Every saga of the system, from the saga service's list (all pages). */
export async function allSagas(system: SystemUnderTest): Promise<(SagaView & { id_correlacion: string })[]> {
  const sagas: (SagaView & { id_correlacion: string })[] = [];
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${system.url('saga')}/sagas?limit=100&page=${page}`);
    const body = (await response.json()) as { items: (SagaView & { id_correlacion: string })[]; total: number };
    sagas.push(...body.items);
    if (body.items.length === 0 || sagas.length >= body.total) return sagas;
  }
}

/** Waits until no saga is running (`en_curso` or `compensando`): invariant 4, every saga ends. */
export async function allSagasEnded(system: SystemUnderTest, timeoutMs = 120_000): Promise<void> {
  await eventually(
    'every saga ended',
    async () => {
      const running = (await allSagas(system)).filter((s) => !TERMINAL.includes(s.estado));
      return running.length === 0 ? true : `${running.length} running, e.g. ${JSON.stringify(running[0])}`;
    },
    timeoutMs,
  );
}

import { randomUUID } from 'node:crypto';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';
import { sagaIds } from '@alpes/contracts';

export type { SystemUnderTest };

/** The whole system on its own database and namespace; short deadlines so the deadline path is quick. */
export function startE2eSystem(name: string, env: Record<string, string> = {}): Promise<SystemUnderTest> {
  const infra = testInfra();
  return startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `${name}_${uniqueSuffix().replace(/-/g, '_')}`,
    env: {
      SAGA_STEP_TIMEOUT_MS: '20000',
      SAGA_COMPENSATION_RETRY_MS: '1000',
      SAGA_COMPENSATION_RETRY_MAX_MS: '4000',
      ...env,
    },
  });
}

export interface Registration {
  readonly id_influencer: string;
  readonly nombre: string;
  readonly email: string;
  readonly categorias: string[];
  readonly [key: string]: unknown;
}

export function registration(overrides: Partial<Registration> = {}): Registration {
  const id = randomUUID();
  return {
    id_influencer: id,
    nombre: 'Ana García',
    email: `ana.${id.slice(0, 8)}@gmail.com`,
    categorias: ['moda', 'belleza'],
    ...overrides,
  };
}

export async function register(
  system: SystemUnderTest,
  body: Registration,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${system.url('bff')}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export interface SagaView {
  readonly id_correlacion: string;
  readonly estado: string;
  readonly fallo_codigo: string | null;
  readonly log: readonly {
    evento: string;
    paso: string | null;
    index_paso: number | null;
    comando: string | null;
    evento_origen: string | null;
    exitosa: boolean;
  }[];
}

export async function getSaga(system: SystemUnderTest, id: string): Promise<SagaView | undefined> {
  const response = await fetch(`${system.url('saga')}/sagas/${id}`).catch(() => undefined);
  return response?.ok ? ((await response.json()) as SagaView) : undefined;
}

const TERMINAL = ['completada', 'compensada', 'fallida'];

/** Polls the saga's query API until the saga ends (or fails after `timeoutMs`, showing where it is). */
export async function waitForEnd(system: SystemUnderTest, id: string, timeoutMs = 60_000): Promise<SagaView> {
  const deadline = Date.now() + timeoutMs;
  let last: SagaView | undefined;
  while (Date.now() < deadline) {
    last = await getSaga(system, id);
    if (last && TERMINAL.includes(last.estado)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`saga ${id} did not end within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
}

/** `Evento:paso` of each log row, e.g. `PasoCompletado:influencer`. */
export function transitions(saga: SagaView): string[] {
  return saga.log.map((row) => (row.paso ? `${row.evento}:${row.paso}` : row.evento));
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export const ids = (idInfluencer: string) => {
  const saga = sagaIds.correlationId(idInfluencer);
  return { saga, campana: sagaIds.campanaId(saga), contrato: sagaIds.contratoId(saga) };
};

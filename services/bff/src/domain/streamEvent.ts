/** The two SSE event names of `GET /stream` (the original README's names, which it never sent: D-11). */
export type StreamEventName = 'nuevo_evento' | 'error';

/** Saga transitions a dashboard must show as failures: a step failed, or the saga is undoing its work. */
const FAILURE_EVENTS: ReadonlySet<string> = new Set([
  'PasoFallido',
  'CompensacionIniciada',
  'PasoCompensado',
  'SagaCompensada',
  'SagaFallida',
]);

/** `error` for step failures and compensations, `nuevo_evento` for everything else (progress). */
export function eventNameOf(evento: string | null): StreamEventName {
  return evento !== null && FAILURE_EVENTS.has(evento) ? 'error' : 'nuevo_evento';
}

/** The `?id_correlacion=` filter of a stream: no filter lets every saga through. */
export function matchesCorrelation(filter: string | undefined, idCorrelacion: string | null): boolean {
  return filter === undefined || filter === idCorrelacion;
}

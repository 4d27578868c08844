/** A confirmation's facts, and the id of the event it comes from (undefined when re-published from the state). */
export interface Confirmacion<D> {
  readonly data: D;
  readonly eventId: string | undefined;
}

/**
 * The deletion confirmation a compensation answers with: the event of `type` it just decided, or — when the
 * aggregate was already deleted and nothing was decided — the same facts again from the state (`fromState`,
 * undefined when it is not deleted), because the saga retries compensations under new message ids and waits
 * for a confirmation. Nothing when other events were decided.
 */
export function confirmacionEliminacion<D>(
  events: readonly { readonly type: string; readonly data: unknown; readonly eventId?: string }[],
  type: string,
  fromState: () => D | undefined,
): Confirmacion<D> | undefined {
  const event = events.find((e) => e.type === type);
  if (event !== undefined) return { data: event.data as D, eventId: event.eventId };
  if (events.length > 0) return undefined;
  const data = fromState();
  return data === undefined ? undefined : { data, eventId: undefined };
}

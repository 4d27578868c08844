/** Exhaustiveness check: a new command or event type that is not handled fails type-checking here. */
export function unreachable(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}

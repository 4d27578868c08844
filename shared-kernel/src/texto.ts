/** Trimmed text, or undefined when absent or blank: optional fields are really optional (D-06). */
export function textoOpcional(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** Trimmed text when it is non-blank and at most `max` characters long, else undefined. */
export function textoAcotado(value: string | null | undefined, max: number): string | undefined {
  const trimmed = textoOpcional(value);
  return trimmed !== undefined && trimmed.length <= max ? trimmed : undefined;
}

/** "1,234." or "1234" → 1234; anything else → null. vm_stat ends counts with a dot; some locales group digits. */
export function parseCount(text: string | undefined): number | null {
  if (text === undefined) return null;
  const cleaned = text.trim().replace(/[,_]/g, '').replace(/\.$/, '');
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}

/** A decimal number ("12.34"), or null. */
export function parseDecimal(text: string | undefined): number | null {
  if (text === undefined) return null;
  const cleaned = text.trim();
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Names of expected fields a parser did not find, as one readable problem (or none). */
export function missingProblem(command: string, missing: string[]): string[] {
  return missing.length ? [`${command}: no ${missing.map((m) => `"${m}"`).join(', ')} in its output`] : [];
}

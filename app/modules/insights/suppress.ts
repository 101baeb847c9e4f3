/**
 * Small-group suppression for published figures: a figure computed from fewer than
 * MIN_GROUP cases, tickets or ratings is not shown, so nobody can be singled out and a
 * handful of cases does not look like a trend. Pure, shared by the public page and open data.
 */
export const MIN_GROUP = 5;

export type Cell = string | number | boolean | null;

/**
 * Returns a copy of `row` where, when `row[countKey]` is below MIN_GROUP, the count and every
 * key in `valueKeys` are null and `suppressed` is true.
 */
export function suppressSmallGroup<R extends Record<string, Cell>>(row: R, countKey: keyof R, valueKeys: (keyof R)[]): R & { suppressed: boolean } {
  const n = row[countKey];
  const small = typeof n !== "number" || n < MIN_GROUP;
  if (!small) return { ...row, suppressed: false };
  const out: Record<string, Cell> = { ...row, [countKey]: null };
  for (const k of valueKeys) out[k as string] = null;
  return { ...(out as R), suppressed: true };
}

/**
 * "To date" marking for any chart whose time axis can end in an incomplete
 * period (docs/dashboard.md "Honest charts"): the trailing incomplete points
 * are labelled "(to date)" and drawn by a dashed copy of each series that also
 * repeats the last complete point, so the dash continues the solid line. Pure.
 */

/** Key of a series' dashed "to date" copy. */
export const toDateKey = (key: string) => `${key}__toDate`;

export interface Marked<R> {
  rows: R[];
  /** Whether any point is to date (draw the dashed copies and say so). */
  toDate: boolean;
}

/**
 * `rows` in time order; `partial(row, key)` is true where a series' point
 * covers an incomplete period (only a series' trailing points are expected to
 * be). With `label`, that field gets " (to date)" on rows partial for every series.
 */
export function markToDate<R extends Record<string, unknown>>(
  rows: readonly R[],
  keys: readonly string[],
  partial: (row: R, key: string) => boolean,
  label?: keyof R & string,
): Marked<R> {
  const flags = rows.map((r) =>
    keys.map((k) => r[k] !== null && r[k] !== undefined && partial(r, k)),
  );
  const toDate = flags.some((f) => f.some(Boolean));
  if (!toDate) return { rows: [...rows], toDate };
  return {
    toDate,
    rows: rows.map((r, i) => {
      const out: Record<string, unknown> = { ...r };
      keys.forEach((k, j) => {
        const here = flags[i]![j]!;
        const joins = here || flags[i + 1]?.[j] === true;
        out[toDateKey(k)] = joins ? (r[k] ?? null) : null;
        if (here) out[k] = null;
      });
      if (label && keys.every((k) => partial(r, k))) out[label] = `${String(r[label])} (to date)`;
      return out as R;
    }),
  };
}

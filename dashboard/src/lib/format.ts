/** Display formatting; the numbers themselves come from the API unchanged. Amounts: money.ts. */
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtInt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : intFmt.format(v);
}

/** A rate in [0, 1] as a percentage with `digits` decimals. */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
}

export function fmtNum(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

const compactFmt = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** Axis ticks: "2.8M", "700K", "950" — short enough for any screen's axis width. */
export function fmtCompact(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : compactFmt.format(v);
}

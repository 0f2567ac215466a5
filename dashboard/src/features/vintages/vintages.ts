/** Vintage-curve math (docs/metrics/vintages.md): one row per months-on-book, one column per vintage. */
export const THRESHOLDS = ['30', '60', '90'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

export interface VintagePointLike {
  monthsOnBook: number;
  ever30: number;
  ever60: number;
  ever90: number;
}
export interface VintageLike {
  vintage: string;
  accounts: number;
  points: readonly VintagePointLike[];
}

const count = (p: VintagePointLike, t: Threshold) =>
  t === '30' ? p.ever30 : t === '60' ? p.ever60 : p.ever90;

/** Ever-{t}+ share (count / accounts of the vintage); a vintage has no value past its last month. */
export function vintageRows(
  vintages: readonly VintageLike[],
  t: Threshold,
): Record<string, number | null>[] {
  const maxMob = Math.max(-1, ...vintages.flatMap((v) => v.points.map((p) => p.monthsOnBook)));
  const rows: Record<string, number | null>[] = [];
  for (let k = 0; k <= maxMob; k++) {
    const row: Record<string, number | null> = { monthsOnBook: k };
    for (const v of vintages) {
      const p = v.points.find((x) => x.monthsOnBook === k);
      row[v.vintage] = p && v.accounts > 0 ? count(p, t) / v.accounts : null;
    }
    rows.push(row);
  }
  return rows;
}

/** Each vintage's latest point: months on book and its ever-{t}+ share so far. */
export function latestByVintage(
  vintages: readonly VintageLike[],
  t: Threshold,
): {
  vintage: string;
  accounts: number;
  monthsOnBook: number;
  ever: number;
  rate: number | null;
}[] {
  return vintages.map((v) => {
    const p = v.points[v.points.length - 1];
    const ever = p ? count(p, t) : 0;
    return {
      vintage: v.vintage,
      accounts: v.accounts,
      monthsOnBook: p?.monthsOnBook ?? 0,
      ever,
      rate: v.accounts > 0 && p ? ever / v.accounts : null,
    };
  });
}

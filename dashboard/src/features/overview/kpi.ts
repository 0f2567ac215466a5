/**
 * KPI tiles (docs/metrics/kpis.md, KpiSummary): label, format, whether up is good, the delta
 * against the previous period (the calendar months before, for whole months)
 * and the same period a year earlier.
 */
export type KpiFormat = 'amount' | 'int' | 'pct';

export interface KpiMeta {
  label: string;
  format: KpiFormat;
  upIsGood: boolean;
}

export const KPI_META: Record<string, KpiMeta> = {
  delinquent_balance: { label: 'Delinquent balance', format: 'amount', upIsGood: false },
  delinquent_accounts: { label: 'Delinquent accounts', format: 'int', upIsGood: false },
  delinquency_rate: { label: 'Delinquency rate (balance)', format: 'pct', upIsGood: false },
  cases_opened: { label: 'Cases opened', format: 'int', upIsGood: false },
  cases_closed: { label: 'Cases closed', format: 'int', upIsGood: true },
  amount_collected: { label: 'Amount collected', format: 'amount', upIsGood: true },
  cure_rate_30d: { label: 'Cure rate (30 days)', format: 'pct', upIsGood: true },
  rpc_rate: { label: 'Right-party contact rate', format: 'pct', upIsGood: true },
  kept_rate: { label: 'Promise kept rate', format: 'pct', upIsGood: true },
  charge_offs: { label: 'Charge-offs', format: 'int', upIsGood: false },
  collection_cost: { label: 'Collection cost', format: 'amount', upIsGood: false },
  cost_to_collect: { label: 'Cost to collect', format: 'pct', upIsGood: false },
};

export interface KpiTile {
  name: string;
  meta: KpiMeta;
  value: number;
  previous: number | null;
  /** The same period a year earlier; null when not asked for or no data then. */
  yearAgo: number | null;
  /** value − previous; for rates, in rate units (0.012 = 1.2 points). */
  delta: number | null;
  /** delta / |previous| for counts and amounts; null for rates and a zero previous. */
  relative: number | null;
  direction: 'up' | 'down' | 'flat' | null;
  /** true = the change is good news, false = bad, null = no change or no previous. */
  good: boolean | null;
}

export interface KpiInput {
  name: string;
  value: number;
  previous?: number | null;
  yearAgo?: number | null;
}

export function kpiTile(k: KpiInput): KpiTile {
  const meta = KPI_META[k.name] ?? {
    label: k.name.replace(/_/g, ' '),
    format: 'int',
    upIsGood: true,
  };
  const base = { name: k.name, meta, value: k.value, yearAgo: k.yearAgo ?? null };
  const previous = k.previous ?? null;
  if (previous === null)
    return { ...base, previous, delta: null, relative: null, direction: null, good: null };
  // Compare at display precision: cents for amounts, 0.01 % points for rates.
  const eps = meta.format === 'pct' ? 5e-5 : 5e-3;
  const delta = k.value - previous;
  const direction = Math.abs(delta) < eps ? 'flat' : delta > 0 ? 'up' : 'down';
  const relative = meta.format !== 'pct' && previous !== 0 ? delta / Math.abs(previous) : null;
  const good = direction === 'flat' ? null : (direction === 'up') === meta.upIsGood;
  return { ...base, previous, delta, relative, direction, good };
}

/** Tiles in the KPI_META order, unknown names after them in API order. */
export function kpiTiles(kpis: readonly KpiInput[]) {
  const order = Object.keys(KPI_META);
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  return [...kpis].sort((a, b) => rank(a.name) - rank(b.name)).map(kpiTile);
}

export interface TrendPoint {
  month: string;
  delinquencyRate: number | null;
  amountCollected: number | null;
}

/**
 * Monthly trend points from one KpiSummary per month. A month whose KPIs are all
 * 0 is before the data (the API answers zeros there): no point, not a zero.
 */
export function kpiTrend(
  summaries: readonly { month: string; kpis: readonly { name: string; value: number | null }[] }[],
): TrendPoint[] {
  return summaries.map((s) => {
    const none = s.kpis.length > 0 && s.kpis.every((k) => k.value === 0);
    const pick = (name: string) =>
      none ? null : (s.kpis.find((k) => k.name === name)?.value ?? null);
    return {
      month: s.month,
      delinquencyRate: pick('delinquency_rate'),
      amountCollected: pick('amount_collected'),
    };
  });
}

/**
 * Roll-rate chart math (docs/metrics/README.md#buckets): heatmap cells, key-flow trend lines and
 * roll-forward vs cure bars, from the API's transitions and their rates (the
 * definitions live in the API, docs/metrics/roll-rates.md: a month and the pooled matrix alike).
 */
import { BUCKETS, label, type Bucket } from '../../lib/buckets.ts';

export type Basis = 'count' | 'balance';

export interface TransitionLike {
  from: Bucket;
  to: Bucket;
  accounts: number;
  balance: number;
  /** The API's share of the origin's observed accounts / balance. */
  accountRate: number;
  balanceRate: number;
}

const weight = (t: TransitionLike, basis: Basis) => (basis === 'count' ? t.accounts : t.balance);

export interface Cell {
  from: Bucket;
  to: Bucket;
  value: number; // accounts or balance
  rate: number | null; // share of the origin row; null when the row is empty
}
export interface MatrixRow {
  from: Bucket;
  total: number;
  cells: Cell[];
}

/** Rows for origin buckets that have any observed account, columns for every bucket. */
export function buildMatrix(transitions: readonly TransitionLike[], basis: Basis): MatrixRow[] {
  const cell = new Map<string, { value: number; rate: number }>();
  const totals = new Map<Bucket, number>();
  for (const t of transitions) {
    const w = weight(t, basis);
    cell.set(`${t.from}>${t.to}`, {
      value: w,
      rate: basis === 'count' ? t.accountRate : t.balanceRate,
    });
    totals.set(t.from, (totals.get(t.from) ?? 0) + w);
  }
  const present = new Set(transitions.map((t) => t.from));
  return BUCKETS.filter((b) => present.has(b)).map((from) => {
    const total = totals.get(from) ?? 0;
    return {
      from,
      total,
      cells: BUCKETS.map((to) => {
        const c = cell.get(`${from}>${to}`);
        return { from, to, value: c?.value ?? 0, rate: total > 0 ? (c?.rate ?? 0) : null };
      }),
    };
  });
}

/** The key forward flows M0→M1, M1→M2, …, M6→M7+, M7+→charged off. */
export const KEY_FLOWS: readonly [Bucket, Bucket][] = BUCKETS.slice(0, 8).map((b, i) => [
  b,
  BUCKETS[i + 1]!,
]);

export function flowName([a, b]: readonly [Bucket, Bucket]): string {
  return `${label(a)}→${label(b)}`;
}

/** One point per month: the rate of each key flow (null when its origin row is empty). */
export function keyFlowTrend(
  months: readonly { month: string; transitions: readonly TransitionLike[] }[],
  basis: Basis,
): Record<string, string | number | null>[] {
  return months.map((m) => {
    const rows = new Map(buildMatrix(m.transitions, basis).map((r) => [r.from, r]));
    const point: Record<string, string | number | null> = { month: m.month };
    for (const flow of KEY_FLOWS) {
      const row = rows.get(flow[0]);
      point[flowName(flow)] = row?.cells.find((c) => c.to === flow[1])?.rate ?? null;
    }
    return point;
  });
}

export interface BucketFlowLike {
  bucket: Bucket;
  rollForwardRate?: number | null;
  rollForwardBalanceRate?: number | null;
  cureRate?: number | null;
  cureBalanceRate?: number | null;
  paidOffRate: number;
  paidOffBalanceRate: number;
}

export interface FlowBar {
  bucket: Bucket;
  rollForward: number | null;
  cure: number | null;
  paidOff: number;
}

/**
 * Roll-forward / cure / paid-off bars per origin bucket from the API's flows (the
 * definitions live in the API, docs/metrics/roll-rates.md), on the chosen basis, in bucket order;
 * absorbing buckets have nothing to show and are left out.
 */
export function flowBars(flows: readonly BucketFlowLike[], basis: Basis): FlowBar[] {
  const rank = (b: Bucket) => BUCKETS.indexOf(b);
  return flows
    .filter((f) => f.bucket !== 'CHARGED_OFF' && f.bucket !== 'CLOSED')
    .sort((a, b) => rank(a.bucket) - rank(b.bucket))
    .map((f) => ({
      bucket: f.bucket,
      rollForward: (basis === 'count' ? f.rollForwardRate : f.rollForwardBalanceRate) ?? null,
      cure: (basis === 'count' ? f.cureRate : f.cureBalanceRate) ?? null,
      paidOff: basis === 'count' ? f.paidOffRate : f.paidOffBalanceRate,
    }));
}

/** Heatmap fill: white → deep red by rate; grey when there is nothing to show. */
export function heatColor(rate: number | null): string {
  if (rate === null) return '#f1f1f1';
  const r = Math.max(0, Math.min(1, rate));
  const light = Math.round(97 - r * 55);
  return `hsl(8 75% ${light}%)`;
}

/** Text colour readable on `heatColor(rate)`. */
export function heatText(rate: number | null): string {
  return rate !== null && rate > 0.55 ? '#fff' : '#1a1a1a';
}

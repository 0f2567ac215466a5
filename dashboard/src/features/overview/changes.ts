/**
 * "What changed": the KPIs and key roll rates whose latest complete month moved
 * beyond their normal month-to-month variation, i.e. |z| > 2 where
 * z = (latest − mean) / sd over the previous 12 months (sample sd, n − 1).
 * A series without variation (sd 0) or with fewer than 6 earlier months has no
 * "normal variation" to compare with and is never flagged. Pure; the overview
 * feeds it the 13-month KPI trend and the 13 monthly roll-rate transitions.
 * Definitions: docs/dashboard.md "What changed".
 */
import type { Bucket } from '../../lib/buckets.ts';
import { fmtInt, fmtPct } from '../../lib/format.ts';
import { fmtMoney } from '../../lib/money.ts';
import { KEY_FLOWS, flowName } from '../roll-rates/matrix.ts';
import { KPI_META, type KpiFormat } from './kpi.ts';

export const Z_LIMIT = 2;
export const HISTORY_MONTHS = 12;
const MIN_HISTORY = 6;

export interface Observation {
  month: string;
  value: number | null;
  /** The counts behind a rate: numerator of denominator (e.g. accounts rolled of accounts in M1). */
  count?: Count;
}

export interface Series {
  id: string;
  label: string;
  format: KpiFormat;
  /** Dashboard page (hash) that explains the series. */
  href: string;
  /** Chronological; the last observation is the month judged. */
  points: readonly Observation[];
}

/** A rate's numerator and denominator; `money` when they are amounts (cost to collect). */
export interface Count {
  of: number;
  in: number;
  money?: boolean;
}

export interface Change {
  id: string;
  label: string;
  href: string;
  month: string;
  value: number;
  mean: number;
  sd: number;
  z: number;
  count?: Count;
  /** One line: "M1→M2 roll rate 52.0% (130/250) vs 44.0 ± 3.0% over 12 months". */
  reason: string;
}

/** Mean and sample standard deviation; null for fewer than two values. */
export function meanSd(xs: readonly number[]): { mean: number; sd: number } | null {
  if (xs.length < 2) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(v) };
}

function fmt(format: KpiFormat, v: number): string {
  return format === 'pct' ? fmtPct(v) : format === 'amount' ? fmtMoney(v) : fmtInt(v);
}

function spread(format: KpiFormat, mean: number, sd: number): string {
  // "44.0 ± 3.0%": the unit once, after the spread.
  if (format === 'pct') return `${(mean * 100).toFixed(1)} ± ${(sd * 100).toFixed(1)}%`;
  return `${fmt(format, mean)} ± ${fmtInt(sd)}`;
}

/** The series' latest month judged against the HISTORY_MONTHS before it; null when not unusual. */
export function judge(s: Series): Change | null {
  const last = s.points[s.points.length - 1];
  if (!last || last.value === null) return null;
  const history = s.points
    .slice(0, -1)
    .slice(-HISTORY_MONTHS)
    .map((p) => p.value)
    .filter((v): v is number => v !== null);
  if (history.length < MIN_HISTORY) return null;
  const stats = meanSd(history);
  if (!stats || stats.sd === 0) return null;
  const z = (last.value - stats.mean) / stats.sd;
  if (Math.abs(z) <= Z_LIMIT) return null;
  const n = (v: number) => (last.count?.money ? fmtMoney(v) : fmtInt(v));
  const counts = last.count ? ` (${n(last.count.of)}/${n(last.count.in)})` : '';
  return {
    id: s.id,
    label: s.label,
    href: s.href,
    month: last.month,
    value: last.value,
    ...stats,
    z,
    ...(last.count ? { count: last.count } : {}),
    reason: `${s.label} ${fmt(s.format, last.value)}${counts} vs ${spread(s.format, stats.mean, stats.sd)} over ${history.length} months`,
  };
}

/** Every unusual series, largest |z| first. */
export function whatChanged(series: readonly Series[]): Change[] {
  return series
    .map(judge)
    .filter((c): c is Change => c !== null)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
}

/** The page that explains each KPI. */
const KPI_PAGE: Record<string, string> = {
  delinquent_balance: 'roll-rates',
  delinquent_accounts: 'roll-rates',
  delinquency_rate: 'roll-rates',
  cases_opened: 'outcomes',
  cases_closed: 'outcomes',
  amount_collected: 'agents',
  cure_rate_30d: 'cure',
  rpc_rate: 'channels',
  kept_rate: 'channels',
  charge_offs: 'forecast',
  collection_cost: 'channels',
  cost_to_collect: 'channels',
};

/**
 * One series per KPI from monthly KPI summaries (oldest first). A month whose
 * KPIs are all 0 is before the data (the API answers zeros there): no value,
 * rather than a zero that would widen the normal variation.
 */
export function kpiSeries(
  months: readonly { month: string; kpis: readonly { name: string; value: number | null }[] }[],
  counts: KpiCounts = new Map(),
): Series[] {
  const names = [...new Set(months.flatMap((m) => m.kpis.map((k) => k.name)))];
  const empty = new Set(
    months.filter((m) => m.kpis.every((k) => k.value === 0)).map((m) => m.month),
  );
  return names.map((name) => ({
    id: name,
    label: KPI_META[name]?.label ?? name.replace(/_/g, ' '),
    format: KPI_META[name]?.format ?? 'int',
    href: `#/${KPI_PAGE[name] ?? 'overview'}`,
    points: months.map((m) => {
      const count = counts.get(name)?.get(m.month);
      return {
        month: m.month,
        value: empty.has(m.month) ? null : (m.kpis.find((k) => k.name === name)?.value ?? null),
        ...(count ? { count } : {}),
      };
    }),
  }));
}

/** KPI name → month → the counts behind that month's rate. */
export type KpiCounts = Map<string, Map<string, Count>>;

/** Rates whose numerator and denominator are amounts (shown in the currency). */
const MONEY_RATES = new Set(['cost_to_collect', 'delinquency_rate']);

/**
 * Counts per KPI and month from a monthly, undimensioned explore answer (the
 * overview trend): each rate's numerator and denominator, by the measure's
 * catalog key (= the KPI name, docs/metrics/explore.md).
 */
export function kpiCounts(
  rows: readonly {
    period: string | null;
    values: readonly { measure: string; numerator: number | null; denominator: number | null }[];
  }[],
): KpiCounts {
  const out: KpiCounts = new Map();
  for (const r of rows)
    for (const v of r.values) {
      if (r.period === null || v.numerator === null || v.denominator === null) continue;
      const name = v.measure.toLowerCase();
      if (!out.has(name)) out.set(name, new Map());
      out.get(name)!.set(r.period, {
        of: v.numerator,
        in: v.denominator,
        ...(MONEY_RATES.has(name) ? { money: true } : {}),
      });
    }
  return out;
}

interface MonthTransitions {
  /** Origin month, compared with the month after. */
  month: string;
  transitions: readonly { from: Bucket; to: Bucket; accounts: number; accountRate: number }[];
}

/**
 * One series per key forward flow (M0→M1 … M7+→charged off): the API's account
 * rate of each origin month, with the accounts that rolled and the origin's
 * accounts observed next month. Judged as the month the flow arrives in (origin + 1).
 */
export function rollSeries(months: readonly MonthTransitions[], nextMonth: (m: string) => string) {
  return KEY_FLOWS.map(([from, to]): Series => {
    const name = flowName([from, to]);
    return {
      id: `roll:${from}>${to}`,
      label: `${name} roll rate`,
      format: 'pct',
      href: `#/roll-rates?basis=count`,
      points: months.map((m) => {
        const origin = m.transitions.filter((t) => t.from === from);
        const observed = origin.reduce((s, t) => s + t.accounts, 0);
        const flow = origin.find((t) => t.to === to);
        return {
          month: nextMonth(m.month),
          value: observed > 0 ? (flow?.accountRate ?? 0) : null,
          count: { of: flow?.accounts ?? 0, in: observed },
        };
      }),
    };
  });
}

/**
 * The cost model of admission (docs/api.md "Limits"): each root field of a
 * query costs its metric's weight × the length of what it is asked for:
 *
 * - a period of dates (`from`, `to`): its months (days / 30.44), at least 1;
 * - a range of months (`fromMonth`, `toMonth`): its months, at least 1;
 * - a page of rows (`limit`): limit / 100, at least 1, where rows are read per row;
 * - other arguments as noted per metric.
 *
 * A weight is the database work of one call over one month, relative to the
 * simplest aggregate (1): kpis is 2 (it computes the previous period too),
 * agent roll-ups are 2 (every attempt, promise and payment of the period).
 * Every Query field has an entry: a new metric must declare its cost
 * (cost.test.ts checks it).
 */
import { FIRST_DATE, LAST_DATE } from '../validate.ts';

export type Args = Readonly<Record<string, unknown>>;

export interface MetricCost {
  readonly weight: number;
  /** How many "months of work" the arguments ask for (default 1). */
  readonly size?: (args: Args) => number;
}

const DAYS_PER_MONTH = 30.44;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** A date or month the resolvers accept (validate.ts); any other is left to them to refuse. */
const valid = (value: unknown, pattern: RegExp, first: string, last: string): value is string =>
  typeof value === 'string' && pattern.test(value) && value >= first && value <= last;

/**
 * Months of the period [from, to] (inclusive), at least 1; 1 when a date is not
 * one the resolver accepts, so that it answers BAD_USER_INPUT, not a cost.
 */
export function periodMonths(from: unknown, to: unknown): number {
  if (!valid(from, DATE, FIRST_DATE, LAST_DATE) || !valid(to, DATE, FIRST_DATE, LAST_DATE))
    return 1;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) ? Math.max(1, days / DAYS_PER_MONTH) : 1;
}

/** Months from fromMonth to toMonth (inclusive), at least 1. */
export function monthCount(from: unknown, to: unknown): number {
  const [first, last] = [FIRST_DATE.slice(0, 7), LAST_DATE.slice(0, 7)];
  if (!valid(from, MONTH, first, last) || !valid(to, MONTH, first, last)) return 1;
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(1, index(to) - index(from) + 1);
}

/** A page of `limit` rows read one by one: limit / 100, at least 1. */
export function pageSize(limit: unknown): number {
  return typeof limit === 'number' && limit > 0 ? Math.max(1, limit / 100) : 1;
}

const period = (a: Args) => periodMonths(a.from, a.to);
const positive = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;

export const METRIC_COSTS: Readonly<Record<string, MetricCost>> = {
  asOf: { weight: 1 },
  dimensions: { weight: 1 },
  kpis: { weight: 2, size: period },
  agentPerformance: { weight: 2, size: period },
  teamPerformance: { weight: 2, size: period },
  caseOutcomes: { weight: 1, size: period },
  channelEffectiveness: { weight: 1, size: period },
  // the offending attempts are a page of rows
  complianceReport: { weight: 2, size: (a) => period(a) * pageSize(a.limit) },
  // each cohort's curve has maxDays points: 90 days is one unit
  cureCurve: { weight: 1, size: (a) => period(a) * Math.max(1, positive(a.maxDays, 90) / 90) },
  legalPipeline: { weight: 1, size: period },
  // lookback origin months are read; the forecast months are arithmetic (6 + 6 = one unit)
  lossForecast: {
    weight: 1,
    size: (a) => Math.max(1, (positive(a.lookbackMonths, 6) + positive(a.months, 6)) / 12),
  },
  postCureRelapse: { weight: 1, size: period },
  repaymentPlans: { weight: 1, size: period },
  rollRates: { weight: 1, size: (a) => monthCount(a.fromMonth, a.toMonth) },
  strategyComparison: { weight: 1, size: period },
  vintages: { weight: 1, size: (a) => monthCount(a.fromMonth, a.toMonth) },
  // the page's rows are joined to their holders and payments one by one
  cases: { weight: 1, size: (a) => pageSize(a.limit) },
  caseTimeline: { weight: 1 },
};

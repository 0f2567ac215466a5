/**
 * The cost model of admission (docs/api.md "Limits"): each root field of a
 * query costs weight × (1 + growth × (size − 1)), where
 *
 * - weight is the database work of one call at its smallest (one month, one
 *   page), in units of the simplest query (`asOf`, `dimensions`: 1);
 * - size is how much the arguments ask for: a period of dates (`from`, `to`)
 *   in months (days / 30.44), a range of months (`fromMonth`, `toMonth`), a
 *   page of rows (`limit`) in hundreds of rows, at least 1 each;
 * - growth is the share of the one-month work that each further month (or
 *   hundred rows) adds: the derived tables make most fields nearly flat in the
 *   period (growth 0–0.06), roll rates read each month (0.2);
 * - perSelected adds work to the weight for fields computed only when selected
 *   (kpis' `previous` and `yearAgo`: each one more period).
 *
 * Weights and growths come from `pnpm bench:cost`, which times every field at
 * 1, 3, 12 and 24 months and pages of 100 and 1 000 rows (docs/operations.md
 * "Cost model" has the measured table). A field without a measured growth
 * scales in full with its size (growth 1), the safe side. Every Query field has
 * an entry: a new metric must declare its cost (cost.test.ts checks it).
 */
import { Dimension, factsOf, MEASURES, type Measure } from '../metrics/explore/explore.catalog.ts';
import { FIRST_DATE, LAST_DATE } from '../validate.ts';

export type Args = Readonly<Record<string, unknown>>;

export interface MetricCost {
  /** Work of one call at size 1, in units of the simplest query. */
  readonly weight: number;
  /** How many months (or hundreds of rows) the arguments ask for (default 1). */
  readonly size?: (args: Args) => number;
  /** The share of `weight` each further unit of size adds (default 1: in proportion). */
  readonly growth?: number;
  /** Work added to `weight` when a field of this name is selected below (e.g. kpis' comparisons). */
  readonly perSelected?: Readonly<Record<string, number>>;
  /** Work added to `weight` by arguments that read more than the field's smallest call (e.g. cases' promise filters). */
  readonly extra?: (args: Args) => number;
}

/** The estimated cost of one call of a field with these arguments. */
export function fieldCost(
  metric: MetricCost,
  args: Args,
  selected: ReadonlySet<string> = new Set(),
): number {
  const size = metric.size?.(args) ?? 1;
  let weight = metric.weight + (metric.extra?.(args) ?? 0);
  for (const [name, extra] of Object.entries(metric.perSelected ?? {}))
    if (selected.has(name)) weight += extra;
  return weight * (1 + (metric.growth ?? 1) * (size - 1));
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

/** Dimensions that make explore read contact attempts one by one (explore.sql.ts's event path). */
const EVENT_DIMENSIONS = new Set<unknown>([
  Dimension.CHANNEL,
  Dimension.CONTACT_HOUR,
  Dimension.CONTACT_WEEKDAY,
  Dimension.TEAM,
  Dimension.AGENT,
]);
/** Filter fields that make explore read contact attempts one by one, as those dimensions do. */
const EVENT_FILTERS = ['teams', 'agents', 'channels'] as const;
/** An attempts fact read event by event, in facts read from derived tables (not measured; a safe guess). */
const EVENT_FACT = 10;

/**
 * The facts (one query each) explore reads for its measures, at least 1; the
 * attempts fact counts EVENT_FACT when a dimension needs each attempt, as does
 * the first contact channel.
 */
function exploreFacts(measures: unknown, dimensions: unknown, filter: unknown): number {
  if (!Array.isArray(measures)) return 1;
  const known = (m: unknown): m is Measure => typeof m === 'string' && Object.hasOwn(MEASURES, m);
  const facts = new Set(measures.filter(known).flatMap(factsOf));
  const dims = Array.isArray(dimensions) ? dimensions : [];
  const f = (filter ?? {}) as Readonly<Record<string, unknown>>;
  const events =
    facts.has('contacts') &&
    (dims.some((d) => EVENT_DIMENSIONS.has(d)) || EVENT_FILTERS.some((k) => hasList(f[k])));
  // the first contact of each case: an aggregate over every attempt, once per case fact
  const firstContact = dims.includes(Dimension.FIRST_CONTACT_CHANNEL);
  return Math.max(1, facts.size + (events || firstContact ? EVENT_FACT - 1 : 0));
}

const hasList = (v: unknown) => Array.isArray(v) && v.length > 0;
const isSet = (v: unknown) => v !== null && v !== undefined;

/**
 * cases' filters on promises (an aggregate over every promise) and on the current
 * bucket: measured at scale M against a 100-row page (525 ms), about 9× and 2×.
 */
function caseListExtra(args: Args): number {
  const f = (args.filter ?? {}) as Readonly<Record<string, unknown>>;
  const promises =
    hasList(f.promiseStatuses) ||
    isSet(f.minPromiseAmount) ||
    isSet(f.maxPromiseAmount) ||
    isSet(f.minBrokenPromises);
  return (promises ? 28 : 0) + (hasList(f.currentBuckets) ? 3.5 : 0);
}

/**
 * GET /cases.csv's estimated cost: the `cases` field's for the same filter with a
 * page of every row it streams, so a CSV pays at least what the same rows cost
 * through GraphQL, in proportion to its rows (CSV_MAX_COST bounds it).
 */
export function csvCost(filter: unknown, rows: number): number {
  return fieldCost(METRIC_COSTS.cases!, { filter, limit: Math.max(1, rows) });
}

// Measured at scale S by `pnpm bench:cost` (1 unit ≈ the 40 ms of asOf there).
export const METRIC_COSTS: Readonly<Record<string, MetricCost>> = {
  asOf: { weight: 1 },
  catalog: { weight: 1 },
  // one grouped query per fact over the period, each like a one-metric aggregate
  // the arms of every experiment, then strategyComparison's query once per experiment
  experiments: { weight: 2 },
  explore: {
    weight: 1,
    size: (a) => period(a) * exploreFacts(a.measures, a.dimensions, a.filter),
  },
  dimensions: { weight: 1 },
  // one period's KPIs; the previous period and the year-earlier one are computed
  // only when selected, each as much work again (about 900 ms for all three at S)
  kpis: { weight: 7, size: period, growth: 0.01, perSelected: { previous: 7, yearAgo: 7 } },
  agentPerformance: { weight: 9, size: period, growth: 0.01 },
  teamPerformance: { weight: 11, size: period, growth: 0.01 },
  caseOutcomes: { weight: 1.5, size: period, growth: 0.01 },
  channelEffectiveness: { weight: 2, size: period, growth: 0.03 },
  // the offending attempts are a page of rows: months and pages add up
  complianceReport: {
    weight: 4,
    size: (a) => period(a) + pageSize(a.limit) - 1,
    growth: 0.05,
  },
  // each cohort's curve has maxDays points: 90 days is one unit
  cureCurve: {
    weight: 3,
    size: (a) => period(a) * Math.max(1, positive(a.maxDays, 90) / 90),
    growth: 0.06,
  },
  legalPipeline: { weight: 1, size: period, growth: 0.01 },
  // lookback origin months are read; the forecast months are arithmetic (6 + 6 = one unit)
  lossForecast: {
    weight: 2.5,
    size: (a) => Math.max(1, (positive(a.lookbackMonths, 6) + positive(a.months, 6)) / 12),
    growth: 0.2,
  },
  postCureRelapse: { weight: 1.5, size: period, growth: 0.01 },
  repaymentPlans: { weight: 6, size: period, growth: 0.01 },
  rollRates: { weight: 1.2, size: (a) => monthCount(a.fromMonth, a.toMonth), growth: 0.21 },
  strategyComparison: { weight: 2, size: period, growth: 0.01 },
  vintages: { weight: 2.5, size: (a) => monthCount(a.fromMonth, a.toMonth), growth: 0.01 },
  // the page's rows are joined to their holders and payments one by one
  cases: { weight: 3.5, size: (a) => pageSize(a.limit), growth: 0.15, extra: caseListExtra },
  caseTimeline: { weight: 9 },
  // docs/models.md: voice_attempts grouped by local hour; strategyComparison per segment
  contactWindows: { weight: 1, size: period },
  upliftBySegment: { weight: 1, size: period },
  // a handful of model_run rows; a page of case_score rows
  modelRuns: { weight: 1 },
  caseScores: { weight: 1, size: (a) => pageSize(a.limit) },
  workQueue: { weight: 1, size: (a) => pageSize(a.limit) },
};

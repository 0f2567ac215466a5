/**
 * Test support: one definition per number. For every measure of the catalog
 * and every named-metric figure it claims to be (`definedBy`), explore's
 * answer for a slice must equal that metric's answer for the same slice:
 * `kpis` for a period and a filter, `caseOutcomes` also grouped by strategy,
 * `rollRates` (pooled flows of the period's months) by origin bucket,
 * `repaymentPlans` grouped by plan kind.
 * A claimed numerator or denominator must be the named metric's own number
 * (rollRates' bucket accounts, rate × accounts; kpis' figures), and the one
 * explore's rate carries. A null is never read as 0.
 * The contact-side metrics come from a registry (explore.equality-contact.ts).
 * The metrics of COHORT_METRICS (explore.equality-cohort.ts) fetch their own views:
 * each figure of a view's groups equals explore's measure for the view's slice, and
 * explore has no group the view lacks.
 */
import { expect } from 'vitest';
import {
  ACCOUNT_DIMENSIONS,
  FILTER_DIMENSIONS,
  type FilterDimension,
} from '../../filters/portfolio-filter.ts';
import type { TestApi } from '../../testing.ts';
import { CURE_ORIGINS, ROLL_ORIGINS } from '../../sql/transitions.ts';
import type { CohortMetric } from './explore.catalog-cohort.ts';
import { MEASURES, Measure, filtersOf, refText, type MetricRef } from './explore.catalog.ts';
import { COHORT_METRICS, type NamedView } from './explore.equality-cohort.ts';
import { CONTACT_METRICS, type Answers, type NamedMetric } from './explore.equality-contact.ts';
import type { Slice } from './explore.equality-slice.ts';

interface Value {
  measure: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Row {
  key: string[];
  values: Value[];
}

export type { Slice };

/** The named metrics compared through a registry entry (how they group, what they honour). */
const REGISTRY: Readonly<Partial<Record<MetricRef['metric'], NamedMetric>>> = CONTACT_METRICS;

/** GraphQL enum name of a measure (CURE_RATE_30D for cure_rate_30d). */
const enumName = (m: Measure) => Object.entries(Measure).find(([, v]) => v === m)![0];

/** How each metric groups its figures, as explore dimensions. */
const GROUPED_BY: Readonly<Partial<Record<MetricRef['metric'], readonly string[]>>> = {
  kpis: [],
  caseOutcomes: ['STRATEGY'],
  rollRates: ['MONTH_END_BUCKET'],
  repaymentPlans: ['PLAN_KIND'],
};
/** The filter dimensions each metric honours. */
const HONOURS: Readonly<Partial<Record<MetricRef['metric'], readonly FilterDimension[]>>> = {
  kpis: ACCOUNT_DIMENSIONS,
  caseOutcomes: FILTER_DIMENSIONS,
  rollRates: ACCOUNT_DIMENSIONS,
  repaymentPlans: FILTER_DIMENSIONS,
};

async function explore(
  api: TestApi,
  slice: Slice,
  measures: Measure[],
  dimensions: readonly string[],
  grain: string | null = null,
): Promise<Row[]> {
  const data = await api.data<{ explore: { rows: (Row & { period: string | null })[] } }>(
    `query($from: String!, $to: String!, $filter: PortfolioFilter, $measures: [Measure!]!, $dimensions: [Dimension!]!, $grain: TimeGrain) {
      explore(from: $from, to: $to, filter: $filter, measures: $measures, dimensions: $dimensions, grain: $grain) {
        rows { period key values { measure value numerator denominator } } } }`,
    {
      from: slice.from,
      to: slice.to,
      filter: slice.filter ?? null,
      measures: measures.map(enumName),
      dimensions,
      grain,
    },
  );
  // the period leads the key with a grain
  return data.explore.rows.map((r) => ({ ...r, key: grain ? [r.period ?? '', ...r.key] : r.key }));
}

/** The named metric's figures per group ('' = the only group of kpis), one request per metric and slice. */
async function named(api: TestApi, slice: Slice, metric: MetricRef['metric']): Promise<Answers> {
  const entry = REGISTRY[metric];
  if (entry) return entry.fetch(api, slice);
  const vars = { from: slice.from, to: slice.to, filter: slice.filter ?? null };
  if (metric === 'kpis') {
    const data = await api.data<{ kpis: { kpis: { name: string; value: number }[] } }>(
      `query($from: String!, $to: String!, $filter: PortfolioFilter) {
        kpis(from: $from, to: $to, filter: $filter) { kpis { name value } } }`,
      vars,
    );
    return new Map([['', Object.fromEntries(data.kpis.kpis.map((k) => [k.name, k.value]))]]);
  }
  if (metric === 'rollRates') {
    const data = await api.data<{
      rollRates: { pooledFlows: ({ bucket: string } & Record<string, number | null>)[] };
    }>(
      `query($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
        rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
          pooledFlows { bucket accounts rollForwardRate cureRate } } }`,
      { fromMonth: slice.from.slice(0, 7), toMonth: slice.to.slice(0, 7), filter: vars.filter },
    );
    return new Map(data.rollRates.pooledFlows.map((f) => [f.bucket, f]));
  }
  if (metric === 'repaymentPlans') {
    const plans = await api.data<{
      repaymentPlans: ({ key: string[] } & Record<string, number>)[];
    }>(
      `query($from: String!, $to: String!, $filter: PortfolioFilter) {
        repaymentPlans(from: $from, to: $to, filter: $filter, groupBy: ["kind"]) {
          key plans totalAmount } }`,
      vars,
    );
    return new Map(plans.repaymentPlans.map((g) => [g.key.join('|'), g]));
  }
  const data = await api.data<{ caseOutcomes: ({ key: string[] } & Record<string, number>)[] }>(
    `query($from: String!, $to: String!, $filter: PortfolioFilter) {
      caseOutcomes(from: $from, to: $to, filter: $filter, groupBy: ["strategy"]) {
        key cases recovered recoveryRate meanDaysToClose } }`,
    vars,
  );
  return new Map(data.caseOutcomes.map((g) => [g.key.join('|'), g]));
}

/** The rate measure that is the figure itself (for a part: the rate whose numerator or denominator it is). */
function rateOf(ref: MetricRef): Measure {
  const found = Object.values(Measure).find((m) =>
    MEASURES[m].definedBy.some(
      (r) => r.metric === ref.metric && r.figure === ref.figure && !r.part,
    ),
  );
  if (!found || MEASURES[found].kind !== 'ratio')
    throw new Error(`no rate measure is ${ref.metric}.${ref.figure}`);
  return found;
}

/** Both null, or both numbers and equal to 1e-9. */
function expectClose(got: number | null, want: number | null, label: string): void {
  if (want === null || got === null) expect(got, label).toBe(want);
  else expect(got, label).toBeCloseTo(want, 9);
}

/** The origin buckets a rollRates rate's pooled base takes (sql/transitions.ts). */
const originsOf = (figure: string): readonly string[] =>
  figure === 'cureRate' ? CURE_ORIGINS : ROLL_ORIGINS;

/**
 * The named metric's own number for a part of a rate: rollRates' base is the bucket's
 * observed accounts and its numerator rate × accounts; kpis' numerator of
 * delinquency_rate is its delinquent_balance, the denominator (open balance, which kpis
 * does not expose) delinquent_balance / delinquency_rate. undefined: no such number.
 */
function partOf(ref: MetricRef, figures: Record<string, number | null>): number | null | undefined {
  const rate = figures[ref.figure] ?? null;
  if (ref.metric === 'rollRates') {
    const accounts = figures.accounts ?? 0;
    return ref.part === 'denominator'
      ? accounts
      : rate === null
        ? null
        : Math.round(rate * accounts);
  }
  if (ref.metric === 'kpis' && ref.figure === 'delinquency_rate') {
    const numerator = figures.delinquent_balance ?? null;
    if (ref.part === 'numerator') return numerator;
    return rate === null || numerator === null ? null : numerator / rate;
  }
  // the metric exposes no number of its own for this part: explore's rate carries it (above)
  return undefined;
}

interface Claim {
  readonly measure: Measure;
  readonly ref: MetricRef;
}

/**
 * Each claimed figure of a COHORT_METRICS metric equals its measure in every group of the
 * views that carry it: one explore request per view for all its claims (24 at most).
 */
async function expectViewsEqual(
  api: TestApi,
  views: readonly NamedView[],
  claims: readonly Claim[],
): Promise<number> {
  let compared = 0;
  for (const view of views) {
    const carried = claims.filter((c) => !view.figures || view.figures.includes(c.ref.figure));
    for (let i = 0; i < carried.length; i += 24) {
      const batch = carried.slice(i, i + 24);
      const rows = await explore(
        api,
        view.slice,
        batch.map((c) => c.measure),
        view.dimensions,
        view.grain ?? null,
      );
      const got = new Map(rows.map((r) => [r.key.join('|'), r.values]));
      for (const group of got.keys())
        expect(
          view.groups.has(group),
          `${group} ${JSON.stringify(view.slice)}: a group the metric lacks`,
        ).toBe(true);
      batch.forEach(({ measure, ref }, k) => {
        for (const [group, figures] of view.groups) {
          const label = `${measure} = ${refText(ref)} [${group}] ${JSON.stringify(view.slice)}`;
          expect(ref.figure in figures, label).toBe(true);
          expectClose(got.get(group)?.[k]?.value ?? null, figures[ref.figure] ?? null, label);
          compared += 1;
        }
      });
    }
  }
  return compared;
}

/**
 * Checks every claim of the catalog on one slice; returns how many comparisons were made
 * (and adds them per named metric to `tally`).
 */
export async function expectExploreEqualsNamedMetrics(
  api: TestApi,
  slice: Slice,
  /** Comparisons per named metric, added to. */
  tally?: Map<string, number>,
): Promise<number> {
  let compared = 0;
  const answers = new Map<MetricRef['metric'], Answers>();
  const claims = new Map<CohortMetric, Claim[]>();
  const given = Object.entries(slice.filter ?? {})
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k]) => k);
  for (const measure of Object.values(Measure)) {
    if (!given.every((d) => filtersOf(measure).includes(d as never))) continue;
    for (const ref of MEASURES[measure].definedBy) {
      if (ref.metric in COHORT_METRICS) {
        const metric = COHORT_METRICS[ref.metric as CohortMetric];
        if (given.some((d) => !metric.honours.includes(d as FilterDimension))) continue;
        claims.set(ref.metric as CohortMetric, [
          ...(claims.get(ref.metric as CohortMetric) ?? []),
          { measure, ref },
        ]);
        continue;
      }
      const entry = REGISTRY[ref.metric];
      const honours = entry?.honours ?? HONOURS[ref.metric]!;
      if (given.some((d) => !honours.includes(d as FilterDimension))) continue;
      const dimensions = entry?.groupedBy ?? GROUPED_BY[ref.metric]!;
      if (!answers.has(ref.metric)) answers.set(ref.metric, await named(api, slice, ref.metric));
      // groups a registered metric leaves out by definition are compared on neither side
      const expected = new Map(
        [...answers.get(ref.metric)!]
          .filter(([group]) => !entry?.omits?.(group))
          .map(([group, figures]) => [group, figures[ref.figure] ?? null]),
      );
      const target = ref.part ? rateOf(ref) : measure;
      const asked = entry?.exploreFilter ? { ...slice, filter: entry.exploreFilter(slice) } : slice;
      const rows = await explore(api, asked, ref.part ? [measure, target] : [measure], dimensions);
      const got = new Map(
        rows
          .map((r) => [r.key.join('|'), r.values] as const)
          .filter(([group]) => !entry?.omits?.(group)),
      );
      // the grouped metrics and explore see the same groups; a registered metric may also
      // list groups where this measure has no data, with a figure of 0 or null there
      if (entry)
        for (const [group, figure] of expected)
          if (!got.has(group)) expect([0, null], `${measure} [${group}]`).toContain(figure);
      if (dimensions.length > 0)
        expect([...got.keys()].sort(), measure).toEqual(
          [...expected.keys()].filter((g) => !entry || got.has(g)).sort(),
        );
      for (const [group, figure] of expected) {
        const [own, rate] = got.get(group) ?? [];
        const label = `${measure} = ${ref.metric}.${ref.figure}${ref.part ? ` ${ref.part}` : ''} [${group}]`;
        const figures = answers.get(ref.metric)!.get(group)!;
        const value = ref.part ? rate : own;
        if (ref.metric === 'rollRates' && !originsOf(ref.figure).includes(group)) {
          // not an origin of the pooled rate (CLOSED, CHARGED_OFF; M0 for cures): explore's
          // bases leave it out, whatever rollRates reports for it
          expect(value?.value ?? null, label).toBeNull();
          if (ref.part) expect(own?.value, label).toBe(0);
        } else if (entry && !got.has(group)) {
          // no data of this measure in the group (checked above)
        } else if ((ref.metric === 'kpis' || entry) && figure === 0 && value?.value === null) {
          // kpis (and the contact metrics) report a rate over nothing as 0: explore's is null
          // over a zero denominator
          expect(value?.denominator, label).toBe(0);
        } else expectClose(value?.value ?? null, figure, label);
        // the measure is the part explore's rate carries
        if (ref.part) expectClose(own?.value ?? null, rate?.[ref.part] ?? null, label);
        const named = ref.part && value?.value != null ? partOf(ref, figures) : undefined;
        if (named !== undefined) expectClose(own?.value ?? null, named, `${label} (named)`);
        compared += 1;
        tally?.set(ref.metric, (tally.get(ref.metric) ?? 0) + 1);
      }
    }
  }
  for (const [metric, list] of claims) {
    const n = await expectViewsEqual(api, await COHORT_METRICS[metric].fetch(api, slice), list);
    tally?.set(metric, (tally.get(metric) ?? 0) + n);
    compared += n;
  }
  return compared;
}

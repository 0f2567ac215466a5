/**
 * Test support: the named metrics of explore.catalog-cohort.ts as the equality
 * test reads them (explore.equality.ts). Each fetches its figures for a slice as
 * views: the explore slice, dimensions and grain they match, and per group (the
 * grain's period, then the dimension values, joined by '|') the figures by name.
 * A view lists only groups with data, as explore does; a figure the metric shows
 * but does not observe is null (explore: a rate over nothing).
 *
 * - cureCurve: cohortBy STRATEGY (cohorts are explore's STRATEGY rows), maxDays 90;
 *   the points of CURE_CURVE_DAYS;
 * - vintages: per opening month (MONTH grain) and months-on-book;
 * - postCureRelapse: per cure month (MONTH grain);
 * - legalPipeline: per stage reached; stages without cases are left out;
 * - lossForecast: a model. Its input, the pooled count-basis matrix of the lookback
 *   months, is explore's pooled roll rates over those months by origin bucket:
 *   Σ P(from → worse bucket) = roll_forward_rate and P(from → M0) = cure_to_m0_rate.
 *   Buckets the forecast assumes rather than observes (absorbing ones, unobserved
 *   origins staying put) are null. Its start, the base month's state by bucket, is
 *   month_end_accounts / month_end_balance by MONTH_END_BUCKET over that month. The
 *   projection and expected charge-offs have no explore measure: they are the
 *   model's output (docs/metrics/loss-forecast.md), not counts over events;
 * - upliftBySegment: a model over observed counts. Per experiment, segment and arm
 *   its observed 30-day mature cases, cures and cure rate are explore's for that
 *   experiment by SEGMENT and STRATEGY; a rate over no mature case (0 there) is null.
 *   Intervals, q-values, shrinkage and recommendations are statistics of those
 *   counts (compared in uplift.compute.test.ts), with no explore measure. It has no
 *   filter argument: only unfiltered slices check it.
 */
import { ACCOUNT_DIMENSIONS, FILTER_DIMENSIONS } from '../../filters/portfolio-filter.ts';
import type { FilterDimension } from '../../filters/portfolio-filter.ts';
import type { TestApi } from '../../testing.ts';
import { ROLL_ORIGINS, CURE_ORIGINS } from '../../sql/transitions.ts';
import { BUCKETS } from '@collections/schema';
import { CURE_CURVE_DAYS, type CohortMetric } from './explore.catalog-cohort.ts';
import { sliceVars, type Figures, type Slice } from './explore.equality-slice.ts';

export interface NamedView {
  /** The explore slice these figures are for. */
  readonly slice: Slice;
  /** Explore dimensions (GraphQL names) and grain of the groups. */
  readonly dimensions: readonly string[];
  readonly grain?: 'MONTH';
  /** Group key ([period, ...key].join('|')) → figure → value. */
  readonly groups: ReadonlyMap<string, Figures>;
  /** The figures the view carries, when not all the metric's. */
  readonly figures?: readonly string[];
}

export interface NamedMetric {
  /** The filter dimensions the metric honours (a slice filtered otherwise skips it). */
  readonly honours: readonly FilterDimension[];
  /** Every figure name the views carry (the catalog may claim only these). */
  readonly figures: readonly string[];
  readonly fetch: (api: TestApi, slice: Slice) => Promise<NamedView[]>;
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const POINT_FIGURES = ['matureCases', 'cured', 'cureRate'] as const;
const VINTAGE_FIGURES = ['ever30', 'ever60', 'ever90', 'ever30Rate', 'ever60Rate', 'ever90Rate'];
const RELAPSE_FIGURES = ['cured', 'matureCured', 'relapsed', 'relapseRate', 'immatureRelapsed'];
const LEGAL_FIGURES = [
  'cases',
  'legalCost',
  'recovered',
  'recoveredPerCost',
  'meanDaysToFirstAction',
];
const ARM_FIGURES = ['matureCases', 'cured', 'cureRate'];
const WORSE = 'matrix[from → worse]';
const START = ['start.accounts', 'start.balance'];
const TO_M0 = 'matrix[from → M0]';

const cureCurve: NamedMetric = {
  honours: FILTER_DIMENSIONS,
  figures: [
    'cohorts.cases',
    ...CURE_CURVE_DAYS.flatMap((d) => POINT_FIGURES.map((f) => `cohorts.points[days=${d}].${f}`)),
  ],
  async fetch(api, slice) {
    const data = await api.data<{
      cureCurve: {
        cohorts: { cohort: string; cases: number; points: ({ days: number } & Figures)[] }[];
      };
    }>(
      `query($from: String!, $to: String!, $filter: PortfolioFilter) {
        cureCurve(from: $from, to: $to, filter: $filter, cohortBy: STRATEGY, maxDays: 90) {
          cohorts { cohort cases points { days matureCases cured cureRate } } } }`,
      sliceVars(slice),
    );
    const groups = new Map<string, Figures>();
    for (const c of data.cureCurve.cohorts) {
      const figures: Figures = { 'cohorts.cases': c.cases };
      for (const p of c.points.filter((p) =>
        (CURE_CURVE_DAYS as readonly number[]).includes(p.days),
      ))
        for (const f of POINT_FIGURES)
          figures[`cohorts.points[days=${p.days}].${f}`] = p[f] ?? null;
      groups.set(c.cohort, figures);
    }
    return [{ slice, dimensions: ['STRATEGY'], groups }];
  },
};

const vintages: NamedMetric = {
  honours: ACCOUNT_DIMENSIONS,
  figures: ['accounts', ...VINTAGE_FIGURES.map((f) => `points.${f}`)],
  async fetch(api, slice) {
    const data = await api.data<{
      vintages: {
        vintage: string;
        accounts: number;
        points: ({ monthsOnBook: number } & Figures)[];
      }[];
    }>(
      `query($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
        vintages(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
          vintage accounts points { monthsOnBook ${VINTAGE_FIGURES.join(' ')} } } }`,
      {
        fromMonth: slice.from.slice(0, 7),
        toMonth: slice.to.slice(0, 7),
        filter: slice.filter ?? null,
      },
    );
    const groups = new Map<string, Figures>();
    for (const v of data.vintages)
      for (const p of v.points) {
        const figures: Figures = { accounts: v.accounts };
        for (const f of VINTAGE_FIGURES) figures[`points.${f}`] = p[f] ?? null;
        groups.set(`${v.vintage}|${String(p.monthsOnBook).padStart(3, '0')}`, figures);
      }
    return [{ slice, dimensions: ['MONTHS_ON_BOOK'], grain: 'MONTH', groups }];
  },
};

/**
 * A metric over (from, to, filter) listing groups in its field `list`, each named by its
 * field `key`, with `names` as figures `${list}.${name}`; `keep` leaves out groups explore lacks.
 */
function listed(
  metric: string,
  [list, key]: [string, string],
  names: readonly string[],
  view: Pick<NamedView, 'dimensions' | 'grain'>,
  keep: (item: Figures) => boolean = () => true,
): NamedMetric {
  return {
    honours: FILTER_DIMENSIONS,
    figures: names.map((f) => `${list}.${f}`),
    async fetch(api, slice) {
      const data = await api.data<
        Record<string, Record<string, (Figures & Record<string, string>)[]>>
      >(
        `query($from: String!, $to: String!, $filter: PortfolioFilter) {
          ${metric}(from: $from, to: $to, filter: $filter) { ${list} { ${key} ${names.join(' ')} } } }`,
        sliceVars(slice),
      );
      const groups = new Map(
        data[metric]![list]!.filter(keep).map((item) => [
          item[key]!,
          Object.fromEntries(names.map((f) => [`${list}.${f}`, item[f] ?? null])),
        ]),
      );
      return [{ slice, ...view, groups }];
    },
  };
}

const postCureRelapse = listed('postCureRelapse', ['months', 'month'], RELAPSE_FIGURES, {
  dimensions: [],
  grain: 'MONTH',
});

// every stage is listed; explore has rows for stages with cases only
const legalPipeline = listed(
  'legalPipeline',
  ['stages', 'stage'],
  LEGAL_FIGURES,
  { dimensions: ['LEGAL_STAGE'] },
  (stage) => (stage.cases ?? 0) > 0,
);

/** The lookback of lossForecast: the months of the slice (1 … 36). */
const lossForecast: NamedMetric = {
  honours: ACCOUNT_DIMENSIONS,
  figures: [WORSE, TO_M0, ...START],
  async fetch(api, slice) {
    const data = await api.data<{
      lossForecast: {
        baseMonth: string | null;
        start: { bucket: string; accounts: number; balance: number }[];
        lookbackFrom: string | null;
        lookbackTo: string | null;
        matrix: { from: string; to: string; probability: number }[];
        unobservedBuckets: string[];
      };
    }>(
      `query($filter: PortfolioFilter) {
        lossForecast(months: 1, lookbackMonths: 3, filter: $filter) {
          baseMonth start { bucket accounts balance }
          lookbackFrom lookbackTo matrix { from to probability } unobservedBuckets } }`,
      { filter: slice.filter ?? null },
    );
    const f = data.lossForecast;
    if (!f.baseMonth || !f.lookbackFrom || !f.lookbackTo) return [];
    // the start: the base month's month-end state by bucket (every bucket is listed)
    const start = {
      slice: { from: `${f.baseMonth}-01`, to: monthEnd(f.baseMonth), filter: slice.filter },
      dimensions: ['MONTH_END_BUCKET'],
      figures: START,
      groups: new Map(
        f.start
          .filter((b) => b.accounts > 0)
          .map((b) => [b.bucket, { [START[0]!]: b.accounts, [START[1]!]: b.balance }]),
      ),
    };
    const rank = (b: string) => BUCKETS.indexOf(b as never);
    const groups = new Map<string, Figures>();
    for (const from of BUCKETS) {
      const row = f.matrix.filter((p) => p.from === from);
      if (row.length === 0) continue;
      const observed = !f.unobservedBuckets.includes(from);
      const sum = (pick: (to: string) => boolean) =>
        row.filter((p) => pick(p.to)).reduce((s, p) => s + p.probability, 0);
      groups.set(from, {
        // CLOSED is not worse than an open bucket (roll-rates.md); CHARGED_OFF is
        [WORSE]:
          observed && (ROLL_ORIGINS as readonly string[]).includes(from)
            ? sum((to) => to !== 'CLOSED' && rank(to) > rank(from))
            : null,
        [TO_M0]:
          observed && (CURE_ORIGINS as readonly string[]).includes(from)
            ? sum((to) => to === 'M0')
            : null,
      });
    }
    const explore = {
      from: `${f.lookbackFrom}-01`,
      to: monthEnd(f.lookbackTo),
      filter: slice.filter,
    };
    return [
      { slice: explore, dimensions: ['MONTH_END_BUCKET'], figures: [WORSE, TO_M0], groups },
      start,
    ];
  },
};

const upliftBySegment: NamedMetric = {
  honours: [],
  figures: ARM_FIGURES.map((f) => `segments.arms.arm.${f}`),
  async fetch(api, slice) {
    const { experiments } = await api.data<{ experiments: { name: string }[] }>(
      '{ experiments { name } }',
    );
    const views: NamedView[] = [];
    for (const { name } of experiments) {
      const data = await api.data<{
        upliftBySegment: {
          segments: { segment: string; arms: { strategy: string; arm: Figures }[] }[];
        };
      }>(
        `query($experiment: String!, $from: String!, $to: String!) {
          upliftBySegment(experiment: $experiment, from: $from, to: $to, cureWithinDays: 30) {
            segments { segment arms { strategy arm { cases ${ARM_FIGURES.join(' ')} } } } } }`,
        { experiment: name, from: slice.from, to: slice.to },
      );
      const groups = new Map<string, Figures>();
      for (const s of data.upliftBySegment.segments)
        for (const a of s.arms) {
          if (!a.arm.cases) continue; // explore has rows for arms with cases only
          const figures: Figures = {};
          for (const f of ARM_FIGURES) figures[`segments.arms.arm.${f}`] = a.arm[f] ?? null;
          // the arm reports a rate over no mature case as 0; explore's is null
          if (a.arm.matureCases === 0) figures['segments.arms.arm.cureRate'] = null;
          groups.set(`${s.segment}|${a.strategy}`, figures);
        }
      views.push({
        slice: { from: slice.from, to: slice.to, filter: { experiments: [name] } },
        dimensions: ['SEGMENT', 'STRATEGY'],
        groups,
      });
    }
    return views;
  },
};

export const COHORT_METRICS: Readonly<Record<CohortMetric, NamedMetric>> = {
  cureCurve,
  vintages,
  postCureRelapse,
  legalPipeline,
  lossForecast,
  upliftBySegment,
};

/**
 * The semantic layer's cohort measures (docs/metrics/explore.md "Cohort measures"):
 * the points of the cure curve, post-cure relapse, the legal pipeline by case and
 * vintage curves, and the figures of lossForecast and upliftBySegment that explore's
 * existing measures give. Declared apart from explore.catalog.ts, which spreads them
 * into MEASURES; its values come in as arguments (MeasureDeps), so this module imports
 * types only from it (no import cycle at load time); ratios are built by
 * explore.catalog-stock.ts's ratioDef, like the month-end and contact ones.
 */
import type { Measure as MeasureEnum, MeasureDef, MetricRef } from './explore.catalog.ts';
import { type MeasureDeps, ratioDef } from './explore.catalog-stock.ts';

/** The named metrics whose figures these measures are (explore.equality-cohort.ts checks each). */
export type CohortMetric =
  | 'cureCurve'
  | 'vintages'
  | 'postCureRelapse'
  | 'legalPipeline'
  | 'lossForecast'
  | 'upliftBySegment';

/** The facts declared here: cures closed (case_dims), legal cases (legal_case_facts), vintages (account_vintage). */
export type CohortFact = 'cures' | 'legal_cases' | 'vintages';

export type CohortMeasure =
  | MeasureEnum.CURE_MATURE_7D
  | MeasureEnum.CURED_7D
  | MeasureEnum.CURE_RATE_7D
  | MeasureEnum.CURE_MATURE_60D
  | MeasureEnum.CURED_60D
  | MeasureEnum.CURE_RATE_60D
  | MeasureEnum.CURE_MATURE_90D
  | MeasureEnum.CURED_90D
  | MeasureEnum.CURE_RATE_90D
  | MeasureEnum.CURES
  | MeasureEnum.MATURE_CURES
  | MeasureEnum.RELAPSES
  | MeasureEnum.RELAPSE_RATE
  | MeasureEnum.IMMATURE_RELAPSES
  | MeasureEnum.LEGAL_CASES
  | MeasureEnum.LEGAL_CASE_COST
  | MeasureEnum.LEGAL_RECOVERED
  | MeasureEnum.LEGAL_RECOVERED_PER_COST
  | MeasureEnum.LEGAL_OPENINGS_KNOWN
  | MeasureEnum.DAYS_TO_FIRST_ACTION
  | MeasureEnum.MEAN_DAYS_TO_FIRST_ACTION
  | MeasureEnum.VINTAGE_ACCOUNTS
  | MeasureEnum.EVER_30
  | MeasureEnum.EVER_60
  | MeasureEnum.EVER_90
  | MeasureEnum.EVER_30_RATE
  | MeasureEnum.EVER_60_RATE
  | MeasureEnum.EVER_90_RATE
  | MeasureEnum.MONTH_END_ACCOUNTS
  | MeasureEnum.MONTH_END_BALANCE;

/** The points N of the cure curve explore has measures for (30: cure_mature_30d, cured_30d, cure_rate_30d). */
export const CURE_CURVE_DAYS = [7, 30, 60, 90] as const;

const ref =
  (metric: CohortMetric) =>
  (figure: string): MetricRef => ({ metric, figure });
const curve = ref('cureCurve');
const vintage = ref('vintages');
const relapse = ref('postCureRelapse');
const legal = ref('legalPipeline');
const forecast = ref('lossForecast');
const uplift = ref('upliftBySegment');

const point = (days: number, figure: string) => curve(`cohorts.points[days=${days}].${figure}`);

/** The mature, cured and rate measures of cure-curve point N (not 30: those are kpis' too). */
function curePoint(
  deps: MeasureDeps,
  days: 7 | 60 | 90,
  m: [MeasureEnum, MeasureEnum, MeasureEnum],
) {
  const { COUNT, RATE } = deps.MeasureUnit;
  const [mature, cured, rate] = m;
  return {
    [mature]: deps.base(
      'opened_cases',
      COUNT,
      `Cases opened that are mature for ${days} days.`,
      `cases opened in the period whose opening + ${days} × 24 h is at or before the as-of instant`,
      [point(days, 'matureCases')],
    ),
    [cured]: deps.base(
      'opened_cases',
      COUNT,
      `Mature cases cured within ${days} days.`,
      `mature cases opened in the period closed cured or paid_in_full within ${days} × 24 h of opening`,
      [point(days, 'cured')],
    ),
    [rate]: ratioDef(
      cured,
      mature,
      RATE,
      `Cure rate within ${days} days of the cases opened (mature cases only).`,
      `cured within ${days} days / mature cases`,
      [point(days, 'cureRate')],
    ),
  };
}

export function cohortMeasures(deps: MeasureDeps): Record<CohortMeasure, MeasureDef> {
  const { Measure: M, base } = deps;
  const { COUNT, CURRENCY, RATE, DAYS } = deps.MeasureUnit;
  const ever = (level: 30 | 60 | 90, count: MeasureEnum, rate: MeasureEnum, worse: string) => ({
    [count]: base(
      'vintages',
      COUNT,
      `Accounts of the vintage ever at ${level}+ DPD by the months-on-book.`,
      `accounts opened in the period's months whose snapshots reached ${worse} (or charged off) by the end of month k (MONTHS_ON_BOOK; without it the as-of month)`,
      [vintage(`points.ever${level}`)],
    ),
    [rate]: ratioDef(
      count,
      M.VINTAGE_ACCOUNTS,
      RATE,
      `Share of the vintage ever at ${level}+ DPD by the months-on-book.`,
      `ever ${level}+ / vintage accounts`,
      [vintage(`points.ever${level}Rate`)],
    ),
  });
  return {
    ...curePoint(deps, 7, [M.CURE_MATURE_7D, M.CURED_7D, M.CURE_RATE_7D]),
    ...curePoint(deps, 60, [M.CURE_MATURE_60D, M.CURED_60D, M.CURE_RATE_60D]),
    ...curePoint(deps, 90, [M.CURE_MATURE_90D, M.CURED_90D, M.CURE_RATE_90D]),
    [M.CURES]: base(
      'cures',
      COUNT,
      'Cases closed cured.',
      'cases whose latest case_closed is cured and dated in the period',
      [relapse('months.cured')],
    ),
    [M.MATURE_CURES]: base(
      'cures',
      COUNT,
      'Cures whose 90-day relapse window ended by the as-of date.',
      'cures closed in the period with cure day + 90 days at or before the as-of date',
      [relapse('months.matureCured')],
    ),
    [M.RELAPSES]: base(
      'cures',
      COUNT,
      'Mature cures back in M1 or worse within 90 days.',
      'mature cures whose account has a snapshot in M1 or worse (charged off included, closed not) dated after the cure day and at most 90 days after it',
      [relapse('months.relapsed')],
    ),
    [M.RELAPSE_RATE]: ratioDef(
      M.RELAPSES,
      M.MATURE_CURES,
      RATE,
      'Post-cure relapse rate within 90 days (mature cures only).',
      'relapses / mature cures',
      [relapse('months.relapseRate')],
    ),
    [M.IMMATURE_RELAPSES]: base(
      'cures',
      COUNT,
      'Cures whose window is still open, already back in M1 or worse.',
      'cures closed in the period whose 90-day window has not ended by the as-of date, with a relapse so far',
      [relapse('months.immatureRelapsed')],
    ),
    [M.LEGAL_CASES]: base(
      'legal_cases',
      COUNT,
      'Cases whose first legal action is in the period.',
      'count of cases whose first legal_action is dated in the period (LEGAL_STAGE: the stage they reached)',
      [legal('stages.cases')],
    ),
    [M.LEGAL_CASE_COST]: base(
      'legal_cases',
      CURRENCY,
      'Legal cost of the cases whose first legal action is in the period.',
      'sum of the cost of all the legal actions of those cases (also after the period)',
      [legal('stages.legalCost')],
    ),
    [M.LEGAL_RECOVERED]: base(
      'legal_cases',
      CURRENCY,
      'Recovered on the cases whose first legal action is in the period.',
      'sum of the payments on those cases at or after their first legal action',
      [legal('stages.recovered')],
    ),
    [M.LEGAL_RECOVERED_PER_COST]: ratioDef(
      M.LEGAL_RECOVERED,
      M.LEGAL_CASE_COST,
      RATE,
      'Recovered per unit of legal cost, cases whose first legal action is in the period.',
      'legal recovered / legal case cost',
      [legal('stages.recoveredPerCost')],
    ),
    [M.LEGAL_OPENINGS_KNOWN]: base(
      'legal_cases',
      COUNT,
      'Legal cases (first action in the period) with a known case opening.',
      'cases of legal_cases that have a case_opened',
      [],
    ),
    [M.DAYS_TO_FIRST_ACTION]: base(
      'legal_cases',
      DAYS,
      'Days from case opening to the first legal action, summed over the legal cases.',
      'sum of (first legal action − first case_opened) / 24 h over the legal cases with a known opening',
      [],
    ),
    [M.MEAN_DAYS_TO_FIRST_ACTION]: ratioDef(
      M.DAYS_TO_FIRST_ACTION,
      M.LEGAL_OPENINGS_KNOWN,
      DAYS,
      'Mean days from case opening to the first legal action.',
      'days to first action / legal cases with a known opening',
      [legal('stages.meanDaysToFirstAction')],
    ),
    [M.VINTAGE_ACCOUNTS]: base(
      'vintages',
      COUNT,
      'Accounts opened (vintage accounts).',
      "accounts whose latest account_opened is in one of the period's months (per months-on-book: those whose month k is at or before the as-of month)",
      [vintage('accounts')],
    ),
    ...ever(30, M.EVER_30, M.EVER_30_RATE, 'M2'),
    ...ever(60, M.EVER_60, M.EVER_60_RATE, 'M3'),
    ...ever(90, M.EVER_90, M.EVER_90_RATE, 'M4'),
    [M.MONTH_END_ACCOUNTS]: base(
      'month_end',
      COUNT,
      'Accounts with a state at the month end, in any bucket (closed and charged off included).',
      "accounts whose latest state at the end of the time bucket's last month (the as-of for the current month) is in any bucket",
      [forecast('start.accounts')],
    ),
    [M.MONTH_END_BALANCE]: base(
      'month_end',
      CURRENCY,
      'Balance of the accounts with a state at the month end, in any bucket.',
      "sum of the balance of the accounts' latest states at the end of the time bucket's last month",
      [forecast('start.balance')],
    ),
  } as Record<CohortMeasure, MeasureDef>;
}

/** Named figures that existing measures give (merged into their definedBy by explore.catalog.ts). */
export function cohortRefs(M: typeof MeasureEnum): Partial<Record<MeasureEnum, MetricRef[]>> {
  const arm = (figure: string) => uplift(`segments.arms.arm.${figure}`);
  return {
    [M.CASES_OPENED]: [curve('cohorts.cases')],
    [M.CURE_MATURE_30D]: [point(30, 'matureCases'), arm('matureCases')],
    [M.CURED_30D]: [point(30, 'cured'), arm('cured')],
    [M.CURE_RATE_30D]: [point(30, 'cureRate'), arm('cureRate')],
    [M.ROLL_FORWARD_RATE]: [forecast('matrix[from → worse]')],
    [M.CURE_TO_M0_RATE]: [forecast('matrix[from → M0]')],
  };
}

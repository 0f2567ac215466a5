/**
 * Explore's SQL (docs/metrics/explore.md): one GROUP BY per fact over the
 * derived table that serves the named metric, with that metric's expressions
 * (sql/cases.ts, sql/promises.ts, sql/contact.ts, sql/costs.ts):
 * - cases opened / closed: case_outcome_facts (as caseOutcomes and strategyComparison);
 * - promises: promise_case_facts with their status (PROMISE_CASES_SQL: the rule of
 *   PROMISES_SQL, as kpis) and their case's dimensions;
 * - legal costs: legal_action dated in the period (as kpis), dimensions likewise;
 * - attempts and payments: kpi_daily (per UTC day, as kpis) when REPORT_TZ is UTC;
 *   otherwise a UTC day is not a local day, and the event tables are read with the
 *   dimensions kpi_daily would give them (case_dims for attempts, account_dims for payments).
 * Row keys: `period` (the grain in REPORT_TZ, '' without one) and `key` (the
 * dimension values in the order asked). Identifiers come from the catalog only.
 */
import { assertNever, bucketSql } from '@collections/schema';
import {
  agentColumnsSql,
  andSql,
  caseFactsFilterSql,
  portfolioColumnsSql,
  type FilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { CURE_MATURE_30D_SQL, CURED_30D_SQL, daysToCloseSql } from '../../sql/cases.ts';
import { COST_SUM_SQL } from '../../sql/costs.ts';
import { inPeriodSql } from '../../sql/period.ts';
import {
  PROMISE_BROKEN_SQL,
  PROMISE_KEPT_SQL,
  PROMISE_MATURED_SQL,
  PROMISE_CASES_SQL,
} from '../../sql/promises.ts';
import { Dimension, Measure, TimeGrain, type Fact } from './explore.catalog.ts';
import { cohortFactSql, curePointMeasures } from './explore.sql-cohort.ts';
import { monthFactSql } from './explore.sql-stock.ts';
import {
  agentPaymentsFactSql,
  agentPromisesFactSql,
  contactsFactSql,
  creditedFactSql,
  KPI_DAILY_PERIOD,
  openedCases30dMeasures,
  voiceFactSql,
  type FactContext,
} from './explore.sql-contact.ts';
import { CASES_WITH_HOLDER_SQL, legalStageJoinSql, PLANS_FACT_SQL } from './explore.sources.ts';

/** Rows one fact query may return before explore refuses the request as too fine. */
export const MAX_FACT_ROWS = 100_000;

export interface FactArgs {
  readonly fact: Fact;
  /** Base measures of this fact. */
  readonly measures: readonly Measure[];
  readonly dimensions: readonly Dimension[];
  readonly grain: TimeGrain | null;
  readonly filter?: PortfolioFilter | null;
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly graceDays: number;
  /** The data's as-of date (month_end only: its buckets' states stop at its month). */
  readonly asOf?: string | null;
  /** Viewers' SMALL_CELL_MIN_CASES: rows then count their cases up to it (`n`); otherwise n is 0. */
  readonly minCases?: number;
  /** The COMPLIANCE_* thresholds as query parameters (complianceParams; the voice fact). */
  readonly compliance?: Record<string, number>;
}

export interface FactRow {
  readonly period: string;
  readonly key: string[];
  /** Cases (or cases with promises, legal actions) in the row: small cells for viewers. */
  readonly n: number | string;
  readonly [measure: string]: unknown;
}

/**
 * The period of an instant in REPORT_TZ as a Date (its first day): rows are
 * grouped by it and labelled after grouping (periodLabelSql), since formatting
 * every row's instant cost more than the rest of a fact's query.
 */
export function grainSql(grain: TimeGrain | null, instant: string): string {
  const tz = '{tz:String}';
  switch (grain) {
    case null:
      return 'toDate32(0)';
    case TimeGrain.DAY:
      return `toDate32(${instant}, ${tz})`;
    case TimeGrain.WEEK:
      return `toMonday(toDate32(${instant}, ${tz}))`;
    case TimeGrain.MONTH:
      return `toStartOfMonth(${instant}, ${tz})`;
    case TimeGrain.QUARTER:
      return `toStartOfQuarter(${instant}, ${tz})`;
    case TimeGrain.YEAR:
      return `toStartOfYear(${instant}, ${tz})`;
    default:
      return assertNever(grain);
  }
}

/** The label of a period's first day `day` (grainSql): YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, '' without a grain. */
export function periodLabelSql(grain: TimeGrain | null, day: string): string {
  switch (grain) {
    case null:
      return "''";
    case TimeGrain.DAY:
    case TimeGrain.WEEK:
      return `toString(${day})`;
    case TimeGrain.MONTH:
      return `formatDateTime(${day}, '%Y-%m')`;
    case TimeGrain.QUARTER:
      return `concat(toString(toYear(${day})), '-Q', toString(toQuarter(${day})))`;
    case TimeGrain.YEAR:
      return `toString(toYear(${day}))`;
    default:
      return assertNever(grain);
  }
}

/** Labels of toDayOfWeek 1 … 7 (ISO: Monday first). */
export const WEEKDAYS = ['1-Mon', '2-Tue', '3-Wed', '4-Thu', '5-Fri', '6-Sat', '7-Sun'] as const;

/**
 * An attempt's local time as compliance reads it (sql/compliance.ts): its UTC
 * instant shifted by the utc_offset_minutes of the case's account, 480 when the
 * case or its account is unknown; the result's UTC wall clock is the local time.
 */
const LOCAL_AT = `(f_at + toIntervalMinute(if(o_known = 1, o_offset, 480)))`;
const CONTACT_DIMENSIONS: readonly Dimension[] = [
  Dimension.CHANNEL,
  Dimension.CONTACT_HOUR,
  Dimension.CONTACT_WEEKDAY,
  Dimension.TEAM,
  Dimension.AGENT,
];

/** Dimensions read from the case's account (case_dims, account_dims, case_outcome_facts). */
const ACCOUNT_COLUMN_DIMENSIONS: readonly Dimension[] = [
  Dimension.PORTFOLIO,
  Dimension.PRODUCT,
  Dimension.REGION,
  Dimension.RISK_GRADE,
];
/** Dimensions read from case_outcome_facts. */
const CASE_COLUMN_DIMENSIONS: readonly Dimension[] = [
  ...ACCOUNT_COLUMN_DIMENSIONS,
  Dimension.SEGMENT,
  Dimension.STRATEGY,
  Dimension.EXPERIMENT,
  Dimension.ARM_ROLE,
  Dimension.ENTRY_BUCKET,
];

/** Dimension columns of case_outcome_facts (or a subquery with its columns). */
const CASE_DIMENSION_SQL: Readonly<Record<Dimension, string>> = {
  [Dimension.PORTFOLIO]: 'toString(portfolio)',
  [Dimension.PRODUCT]: 'toString(product)',
  [Dimension.REGION]: 'toString(region)',
  [Dimension.RISK_GRADE]: 'toString(risk_grade)',
  [Dimension.SEGMENT]: 'toString(segment)',
  [Dimension.STRATEGY]: 'toString(strategy)',
  [Dimension.EXPERIMENT]: 'toString(experiment)',
  [Dimension.ARM_ROLE]: 'toString(arm_role)',
  // as caseOutcomes' entry_bucket
  [Dimension.ENTRY_BUCKET]: bucketSql("'open'", 'entry_dpd'),
  [Dimension.OUTCOME]: 'toString(outcome)',
  // attempts only (the contacts fact's event path): channel and the account's local time
  [Dimension.CHANNEL]: 'toString(f_channel)',
  [Dimension.CONTACT_HOUR]: `leftPad(toString(toHour(${LOCAL_AT})), 2, '0')`,
  [Dimension.CONTACT_WEEKDAY]: `[${WEEKDAYS.map((d) => `'${d}'`).join(', ')}][toDayOfWeek(${LOCAL_AT})]`,
  // cases only (withFirstContact)
  [Dimension.FIRST_CONTACT_CHANNEL]: 'toString(fc_channel)',
  // month-end facts only (explore.sql-stock.ts)
  [Dimension.MONTH_END_BUCKET]: 'toString(bucket)',
  // the attempt's agent, or the case's holder at close, and its team (explore.sources.ts)
  [Dimension.TEAM]: 'g_team',
  [Dimension.AGENT]: 'toString(g_agent)',
  [Dimension.PLAN_KIND]: 'plan_kind',
  [Dimension.LEGAL_STAGE]: 'l_stage',
  // vintages only (explore.sql-cohort.ts): three digits, so that keys sort
  [Dimension.MONTHS_ON_BOOK]: "leftPad(toString(mob), 3, '0')",
};

/**
 * case_outcome_facts with each case's first contact channel, only when that
 * dimension is asked (the first attempt of every case is an aggregate over all attempts).
 */
function caseSource(dimensions: readonly Dimension[], holder = false): string {
  // the holder at close and its team, when sliced or filtered by them (cases closed)
  const cases = holder ? CASES_WITH_HOLDER_SQL : 'case_outcome_facts AS c';
  if (!dimensions.includes(Dimension.FIRST_CONTACT_CHANNEL)) return cases;
  return `${cases}
    LEFT JOIN (
      SELECT case_id AS fc_case, argMin(channel, (occurred_at, event_id)) AS fc_channel
      FROM contact_attempt GROUP BY case_id
    ) AS fc ON fc.fc_case = c.case_id`;
}

/** Columns of case_outcome_facts the joined facts need. */
const CASE_COLUMNS = `case_id, has_account, portfolio, product, region, risk_grade, segment, strategy,
  experiment, arm_role, entry_dpd, outcome`;

/** The account columns carried by kpi_daily, case_dims and account_dims (has_opened, not has_account). */
function accountFilter(filter: PortfolioFilter | null | undefined): FilterSql {
  const columns = portfolioColumnsSql(filter, '', 'ef');
  return columns.condition === '1'
    ? columns
    : { ...columns, condition: `has_opened AND ${columns.condition}` };
}

export interface FactSql {
  /** The FROM clause; dimension and filter columns unqualified. */
  readonly source: string;
  /** The period condition ('1' when the source applies it). */
  readonly period: string;
  /** The instant the grain applies to. */
  readonly time: string;
  readonly filter: FilterSql;
  /** Aggregate of the row's cases (small cells), or 0 where rows do not single out cases. */
  readonly cases: string;
  readonly measures: Partial<Record<Measure, string>>;
  /** Query parameters of the source beyond the period's and the filter's. */
  readonly params?: Record<string, unknown>;
}

/**
 * A fact joined to its case's dimensions (case_outcome_facts) by `f_case`, only
 * when a dimension or the filter needs them (the join builds every case).
 */
const joinedToCases = (facts: string, needed: boolean, join = '') =>
  needed
    ? `(${facts}) AS f
  LEFT JOIN (SELECT ${CASE_COLUMNS} FROM case_outcome_facts) AS c ON c.case_id = f.f_case ${join}`
    : `(${facts}) AS f ${join}`;

/**
 * The distinct cases of a row, as far as small cells need them: exact up to
 * minCases (uniqUpTo takes at most 100; an exact count beyond), nothing
 * without it (a distinct count of case ids cost as much as the rest of the promises query).
 */
function distinctCasesSql(column: string, minCases: number | undefined): string {
  if (minCases === undefined) return '0';
  const min = Math.trunc(minCases);
  return min <= 100 ? `uniqUpTo(${min})(${column})` : `uniqExact(${column})`;
}

/** The filter's teams, agents and channels on g_agent, g_team and f_channel. */
const agentFilter = (filter: PortfolioFilter | null | undefined) =>
  agentColumnsSql(filter, { agent: 'g_agent', team: 'g_team', channel: 'f_channel' }, 'eg');

function factSql(args: FactArgs): FactSql {
  const caseFilter = caseFactsFilterSql(args.filter, { paramPrefix: 'ef' });
  const agents = agentFilter(args.filter);
  const byAgent =
    agents.condition !== '1' ||
    args.dimensions.includes(Dimension.TEAM) ||
    args.dimensions.includes(Dimension.AGENT);
  // kpi_daily holds UTC days by account dimensions only
  const utc =
    args.tz === 'UTC' &&
    agents.condition === '1' &&
    !args.dimensions.some((d) => CONTACT_DIMENSIONS.includes(d));
  const local = args.dimensions.some(
    (d) => d === Dimension.CONTACT_HOUR || d === Dimension.CONTACT_WEEKDAY,
  );
  const needsCases = args.dimensions.length > 0 || caseFilter.condition !== '1';
  // the event paths join dimensions only when sliced or filtered
  const needsAccounts = args.dimensions.length > 0 || accountFilter(args.filter).condition !== '1';
  const context: FactContext = {
    args,
    accountFilter: accountFilter(args.filter),
    caseFilter,
    agents,
    byAgent,
    utc,
    local,
    // the contact-side facts carry channel, agent and local time themselves: they join
    // cases or accounts only for those dimensions or the filter (a join of every attempt
    // to case_dims was most of explore-by-channel's time at M)
    needsCases:
      caseFilter.condition !== '1' ||
      args.dimensions.some((d) => CASE_COLUMN_DIMENSIONS.includes(d)),
    needsAccounts:
      accountFilter(args.filter).condition !== '1' ||
      args.dimensions.some((d) => ACCOUNT_COLUMN_DIMENSIONS.includes(d)),
    joinedToCases,
    distinctCases: (column) => distinctCasesSql(column, args.minCases),
  };
  switch (args.fact) {
    case 'opened_cases':
      return {
        source: caseSource(args.dimensions),
        period: inPeriodSql('opened_at'),
        time: 'opened_at',
        filter: caseFilter,
        cases: 'count()',
        measures: {
          [Measure.CASES_OPENED]: 'toInt64(count())',
          [Measure.CURE_MATURE_30D]: `toInt64(countIf(${CURE_MATURE_30D_SQL}))`,
          [Measure.CURED_30D]: `toInt64(countIf(${CURED_30D_SQL}))`,
          [Measure.ENTRY_BALANCE]: 'toFloat64(sum(entry_balance))',
          ...openedCases30dMeasures(CURE_MATURE_30D_SQL),
          ...curePointMeasures(),
        },
      };
    case 'closed_cases':
      return {
        source: caseSource(args.dimensions, byAgent),
        period: `is_closed AND ${inPeriodSql('closed_at')}`,
        time: 'closed_at',
        filter: andSql(caseFilter, agents),
        cases: 'count()',
        measures: {
          [Measure.CASES_CLOSED]: 'toInt64(count())',
          [Measure.RECOVERED]: 'toFloat64(sum(recovered))',
          [Measure.CLOSED_ENTRY_BALANCE]: 'toFloat64(sum(entry_balance))',
          [Measure.DAYS_TO_CLOSE]: `toFloat64(sum(${daysToCloseSql()}))`,
        },
      };
    case 'promises':
      if (byAgent) return agentPromisesFactSql(context);
      return {
        // promise_case_facts carries the case dimensions: no join
        source: PROMISE_CASES_SQL,
        period: inPeriodSql('made_at'),
        time: 'made_at',
        filter: caseFilter,
        cases: distinctCasesSql('case_id', args.minCases),
        measures: {
          [Measure.PROMISES]: 'toInt64(count())',
          [Measure.MATURED_PROMISES]: `toInt64(countIf(${PROMISE_MATURED_SQL}))`,
          [Measure.KEPT_PROMISES]: `toInt64(countIf(${PROMISE_KEPT_SQL}))`,
          [Measure.BROKEN_PROMISES]: `toInt64(countIf(${PROMISE_BROKEN_SQL}))`,
        },
      };
    case 'legal':
      return {
        source: joinedToCases(
          `SELECT case_id AS f_case, occurred_at AS f_at, cost FROM legal_action WHERE ${inPeriodSql('occurred_at')}`,
          needsCases,
          args.dimensions.includes(Dimension.LEGAL_STAGE) ? legalStageJoinSql('f.f_case') : '',
        ),
        period: '1',
        time: 'f_at',
        filter: caseFilter,
        cases: distinctCasesSql('f_case', args.minCases),
        measures: { [Measure.LEGAL_COST]: COST_SUM_SQL },
      };
    case 'contacts':
      return contactsFactSql(context);
    case 'voice':
      return voiceFactSql(context);
    case 'credited_payments':
      return creditedFactSql(context);
    case 'payments':
      if (byAgent) return agentPaymentsFactSql(context);
      return utc
        ? {
            source: 'kpi_daily',
            period: KPI_DAILY_PERIOD,
            time: "toDateTime64(day, 3, 'UTC')",
            filter: accountFilter(args.filter),
            cases: '0',
            measures: { [Measure.AMOUNT_COLLECTED]: 'toFloat64(sum(collected))' },
          }
        : {
            source: `(SELECT account_id AS f_account, occurred_at AS f_at, amount
                FROM payment WHERE ${inPeriodSql('occurred_at')}) AS f
              ${needsAccounts ? 'LEFT JOIN (SELECT account_id, has_opened, portfolio, product, region, risk_grade FROM account_dims) AS d ON d.account_id = f.f_account' : ''}`,
            period: '1',
            time: 'f_at',
            filter: accountFilter(args.filter),
            cases: '0',
            measures: { [Measure.AMOUNT_COLLECTED]: 'toFloat64(sum(amount))' },
          };
    case 'month_end':
    case 'rolls':
    case 'charge_offs':
      return monthFactSql({ ...args, fact: args.fact, accountFilter: accountFilter(args.filter) });
    case 'plans':
      return {
        source: joinedToCases(PLANS_FACT_SQL, needsCases),
        period: '1',
        time: 'f_at',
        filter: caseFilter,
        cases: distinctCasesSql('f_case', args.minCases),
        measures: {
          [Measure.PLANS_CREATED]: 'toInt64(count())',
          [Measure.PLAN_AMOUNT]: 'toFloat64(sum(total_amount))',
        },
      };
    case 'cures':
    case 'legal_cases':
    case 'vintages':
      return cohortFactSql(
        { ...args, fact: args.fact },
        {
          caseFilter,
          needsCases,
          joinedToCases,
          distinctCases: (column) => distinctCasesSql(column, args.minCases),
        },
      );
  }
}

/** One fact's rows: period, key, n and one column per base measure (m_ and its name). */
export function factQuery(args: FactArgs): SqlQuery {
  const fact = factSql(args);
  const key =
    args.dimensions.length === 0
      ? "CAST([], 'Array(String)')"
      : `[${args.dimensions.map((d) => CASE_DIMENSION_SQL[d]).join(', ')}]`;
  const measures = args.measures.map((m) => {
    const sql = fact.measures[m];
    if (!sql) throw new Error(`measure ${m} is not of fact ${args.fact}`);
    // m_ prefix: an alias equal to a column name (attempts, recovered) would capture it
    return `${sql} AS m_${m}`;
  });
  const where = andSql({ condition: fact.period, params: {} }, fact.filter);
  return {
    query: `
      SELECT ${periodLabelSql(args.grain, 'p')} AS period, * EXCEPT p
      FROM (
        SELECT ${grainSql(args.grain, fact.time)} AS p, ${key} AS key, ${fact.cases} AS n,
               ${measures.join(', ')}
        FROM ${fact.source}
        WHERE ${where.condition}
        GROUP BY p, key
        LIMIT {max_rows:UInt32}
      )
      SETTINGS join_use_nulls = 0`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      grace: args.graceDays,
      max_rows: MAX_FACT_ROWS + 1,
      ...fact.params,
      ...where.params,
    },
  };
}

/**
 * Explore's SQL for the month-end facts (docs/metrics/explore.md "Month-end measures"),
 * each over the SQL of the named metric that defines it:
 * - month_end: the accounts' states at month ends (sql/month-end-state.ts, as kpis),
 *   at the last month of each time bucket within the period and up to the data's
 *   as-of month (stateMonths);
 * - rolls: month-to-month transitions of the period's origin months (sql/transitions.ts,
 *   as rollRates), with the roll-forward and cure rules of roll-rates.md;
 * - charge_offs: account_dims' first charged_off snapshot dated in the period (as kpis).
 */
import {
  andSql,
  portfolioColumnsSql,
  stateColumnsSql,
  type FilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import { asOfDateSql } from '../../sql/as-of.ts';
import { isDelinquentSql, isOpenSql, monthEndStatesSql } from '../../sql/month-end-state.ts';
import {
  CURE_BASE_SQL,
  CURED_TO_M0_SQL,
  ROLL_BASE_SQL,
  ROLLED_FORWARD_SQL,
  transitionsSql,
} from '../../sql/transitions.ts';
import { monthsBetween } from '../roll-rates/roll-rates.math.ts';
import { Dimension, Measure, TimeGrain, type Fact } from './explore.catalog.ts';
import type { FactSql } from './explore.sql.ts';

/** account_month columns of the account dimensions asked. */
const ACCOUNT_COLUMNS: Partial<Record<Dimension, string>> = {
  [Dimension.PORTFOLIO]: 'portfolio',
  [Dimension.PRODUCT]: 'product',
  [Dimension.REGION]: 'region',
  [Dimension.RISK_GRADE]: 'risk_grade',
};

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * The months whose end states a period's time buckets show: the last month of each
 * bucket within [from, to], but no later than the data's as-of month (a bucket holding
 * it shows the as-of month's states, as kpis over it; one wholly after it shows none).
 * Every month at MONTH grain; the last one without a grain. A constant list: the
 * projection and the sort keys prune by it (a clamp in SQL would read every part).
 */
export function stateMonths(
  from: string,
  to: string,
  grain: TimeGrain | null,
  asOf: string | null,
): string[] {
  if (asOf === null || asOf < from) return [];
  const months = monthsBetween(from.slice(0, 7), (asOf < to ? asOf : to).slice(0, 7));
  const last = months.at(-1);
  const endsBucket = (m: string) => {
    const month = Number(m.slice(5, 7));
    if (grain === TimeGrain.QUARTER) return month % 3 === 0;
    if (grain === TimeGrain.YEAR) return month === 12;
    return grain !== null;
  };
  return months.filter((m) => m === last || endsBucket(m)).map((m) => `${m}-01`);
}

export function monthFactSql(args: {
  readonly fact: Extract<Fact, 'month_end' | 'rolls' | 'charge_offs'>;
  readonly dimensions: readonly Dimension[];
  readonly grain: TimeGrain | null;
  readonly filter?: PortfolioFilter | null;
  readonly from: string;
  readonly to: string;
  readonly asOf?: string | null;
  /** The account filter of account_dims (explore.sql.ts accountFilter). */
  readonly accountFilter: FilterSql;
}): FactSql {
  const columns = args.dimensions.flatMap((d) => ACCOUNT_COLUMNS[d] ?? []);
  const buckets = stateColumnsSql(args.filter, '', 'sf');
  switch (args.fact) {
    case 'month_end': {
      const months = stateMonths(args.from, args.to, args.grain, args.asOf ?? null);
      const filter = andSql(portfolioColumnsSql(args.filter, '', 'ms'), buckets);
      return {
        // a constant set of months: the projection and the sort keys prune by it
        source: `(${monthEndStatesSql('{state_months:Array(Date32)}', filter, columns)})`,
        // stateMonths stops at the as-of month; this drops the placeholder month after it
        period: `state_month <= toStartOfMonth(${asOfDateSql('{tz:String}')})`,
        time: 'toDateTime64(state_month, 3, {tz:String})',
        // applied inside, to both parts of the states
        filter: { condition: '1', params: {} },
        cases: '0',
        measures: {
          [Measure.DELINQUENT_ACCOUNTS]: `toInt64(sumIf(accounts, ${isDelinquentSql('bucket')}))`,
          [Measure.DELINQUENT_BALANCE]: `toFloat64(sumIf(balance, ${isDelinquentSql('bucket')}))`,
          [Measure.OPEN_BALANCE]: `toFloat64(sumIf(balance, ${isOpenSql('bucket')}))`,
          // every bucket: lossForecast's start distribution (explore.catalog-cohort.ts)
          [Measure.MONTH_END_ACCOUNTS]: 'toInt64(sum(accounts))',
          [Measure.MONTH_END_BALANCE]: 'toFloat64(sum(balance))',
        },
        params: {
          ...filter.params, // no month on or before the as-of: one after it, which the period condition drops
          state_months: months.length > 0 ? months : [monthOf(args.from)],
        },
      };
    }
    case 'rolls': {
      const t = transitionsSql({
        fromSql: '{roll_from:Date32}',
        toSql: '{roll_to:Date32}',
        filter: args.filter,
        perMonth: false,
        groupBy: ['month', ...columns],
      });
      const count = (condition: string) => `toInt64(sumIf(accounts, ${condition}))`;
      return {
        source: `(SELECT *, \`from\` AS bucket FROM (${t.sql}))`,
        period: '1',
        time: 'toDateTime64(month, 3, {tz:String})',
        filter: buckets,
        cases: '0',
        measures: {
          [Measure.ROLL_BASE]: count(ROLL_BASE_SQL),
          [Measure.ROLLED_FORWARD]: count(ROLLED_FORWARD_SQL),
          [Measure.CURE_BASE]: count(CURE_BASE_SQL),
          [Measure.CURED_TO_M0]: count(CURED_TO_M0_SQL),
        },
        params: { ...t.params, roll_from: monthOf(args.from), roll_to: monthOf(args.to) },
      };
    }
    case 'charge_offs':
      return {
        source: 'account_dims',
        period: 'first_charged_off_on >= {from:Date32} AND first_charged_off_on <= {to:Date32}',
        time: 'toDateTime64(first_charged_off_on, 3, {tz:String})',
        filter: args.accountFilter,
        cases: '0',
        measures: { [Measure.CHARGE_OFFS]: 'toInt64(count())' },
        params: {},
      };
  }
}

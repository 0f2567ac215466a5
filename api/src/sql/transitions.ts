/**
 * Month-to-month bucket transitions from `account_month`: each row already
 * pairs an account's month-end state with its state in the month after ('' when
 * it has none: unobserved), so a transition matrix is one GROUP BY over the
 * origin months' partitions. Shared by rollRates and the loss forecast: one
 * definition of the matrix.
 */
import { BUCKETS, bucketRank } from '@collections/schema';
import {
  portfolioColumnsSql,
  type FilterSql,
  type PortfolioFilter,
} from '../filters/portfolio-filter.ts';

/**
 * PortfolioFilter on account_month, whose rows carry the account's dimensions
 * (refreshed with late account_opened rows), so no join is needed.
 */
export function accountMonthFilterSql(filter: PortfolioFilter | null | undefined): FilterSql {
  return portfolioColumnsSql(filter, '', 'am');
}

export interface TransitionRow {
  /** YYYY-MM of the origin month (per-month queries only). */
  readonly ym?: string;
  readonly from: string;
  /** '' = no state in the following month (unobserved). */
  readonly to: string;
  readonly accounts: number;
  readonly balance: number;
}

/**
 * Transition counts and balances over origin months `[fromSql, toSql]` (SQL
 * Date32 expressions, first days of months), per origin month or pooled
 * (docs/metrics/README.md: pooled sums numerators and denominators over the months).
 */
export function transitionsSql(options: {
  fromSql: string;
  toSql: string;
  filter?: PortfolioFilter | null;
  perMonth: boolean;
  /** More account_month columns to group by and return (explore: month and dimensions). */
  groupBy?: readonly string[];
}): { sql: string; params: Record<string, unknown> } {
  const filter = accountMonthFilterSql(options.filter);
  const extra = (options.groupBy ?? []).map((c) => `${c}, `).join('');
  const monthCol = options.perMonth ? `formatDateTime(month, '%Y-%m') AS ym, ` : '';
  // Group by the Date column and format once per group, not once per row.
  const monthKey = `${options.perMonth ? 'month, ' : ''}${extra}`;
  return {
    sql: `SELECT ${monthCol}${extra}bucket AS from, next_bucket AS to,
        toUInt32(count()) AS accounts, round(toFloat64(sum(balance)), 2) AS balance
      FROM account_month
      WHERE month BETWEEN ${options.fromSql} AND ${options.toSql} AND ${filter.condition}
      GROUP BY ${monthKey}from, to`,
    params: filter.params,
  };
}

/**
 * docs/metrics/roll-rates.md on a transition's buckets (SQL; `from`, `to` columns as
 * transitionsSql returns them), the rules of roll-rates.math.ts: the order is bucketRank's
 * (M0 … M7_PLUS, CHARGED_OFF = 1 … 9); CLOSED and '' (unobserved) have none (0).
 */
const ORDERED = BUCKETS.filter((b) => bucketRank(b) !== null);
const rankSql = (bucket: string) =>
  `indexOf([${ORDERED.map((b) => `'${b}'`).join(', ')}], ${bucket})`;
/** Observed in the month after (the denominators count only these). */
const OBSERVED = "`to` != ''";
const inSql = (buckets: readonly string[]) =>
  `\`from\` IN (${buckets.map((b) => `'${b}'`).join(', ')})`;
/**
 * Origins of the pooled rates: open accounts' buckets. CLOSED and CHARGED_OFF accounts
 * keep being snapshotted every month, so counting them would dilute a pooled rate with
 * history (rollRates' per-bucket rates of the open buckets are unaffected).
 */
export const ROLL_ORIGINS = ORDERED.filter((b) => b !== 'CHARGED_OFF');
export const CURE_ORIGINS = ROLL_ORIGINS.filter((b) => b !== 'M0');
/** Roll-forward denominator: an open origin bucket (M0 … M7_PLUS), observed the month after. */
export const ROLL_BASE_SQL = `(${OBSERVED} AND ${inSql(ROLL_ORIGINS)})`;
/** To a worse bucket (CLOSED is not ordered; CHARGED_OFF is worse than every open bucket). */
export const ROLLED_FORWARD_SQL = `(${ROLL_BASE_SQL} AND ${rankSql('`to`')} > ${rankSql('`from`')})`;
/** Cure denominator: a delinquent open origin (M1 … M7_PLUS), observed the month after. */
export const CURE_BASE_SQL = `(${OBSERVED} AND ${inSql(CURE_ORIGINS)})`;
export const CURED_TO_M0_SQL = `(${CURE_BASE_SQL} AND \`to\` = 'M0')`;

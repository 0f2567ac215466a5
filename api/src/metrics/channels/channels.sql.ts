/**
 * Channel effectiveness (docs/metrics/channel-effectiveness.md) over attempts in [from, to] (REPORT_TZ days).
 *
 * Payments are credited to channels like this: each payment on a case goes to
 * the latest attempt on the same case at or before it (any channel); it counts
 * for that attempt's channel when the attempt is in the period and the payment
 * is at most 7 × 24 h after it (both ends included). A payment whose latest
 * earlier attempt is older than that, or outside the period, is credited to no
 * channel, so no payment is ever counted twice.
 *
 * Each payment's latest earlier attempt is precomputed in `payment_facts`
 * (schema/src/derived/payment-facts/index.ts, kept current by the ETL); only payments
 * from the start of the period to 7 days after its end can be credited, so the
 * payment side reads that range of the table (sorted by occurred_at).
 *
 * Parameters: {from:Date32}, {to:Date32}, {tz:String} and the portfolio filter's.
 */
import type { SqlQuery } from '../../query.ts';
import {
  caseFilterSql,
  portfolioFilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import { isContactSql, isRpcSql } from '../../sql/contact.ts';
import { COST_SUM_SQL } from '../../sql/costs.ts';
import { inPeriodSql } from '../../sql/period.ts';

export const CREDIT_WINDOW_DAYS = 7;

const START = 'toDateTime64({from:Date32}, 3, {tz:String})';
const HORIZON = `toDateTime64(addDays({to:Date32}, ${1 + CREDIT_WINDOW_DAYS}), 3, {tz:String})`;

/**
 * A payment_facts row credited to an attempt of the period (the rule above): the
 * range on occurred_at lets its sort key prune. Explore's credited payments read it too.
 */
export const CREDITED_SQL = `occurred_at >= ${START} AND occurred_at < ${HORIZON}
  AND has_attempt AND ${inPeriodSql('attempt_at')}
  AND occurred_at <= attempt_at + toIntervalDay(${CREDIT_WINDOW_DAYS})`;

export interface ChannelArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly filter?: PortfolioFilter | null;
}

export interface ChannelRow {
  channel: string;
  attempts: number;
  contacts: number;
  rpcs: number;
  promises: number;
  cost: number;
  payments: number;
  collected: number;
}

export function channelEffectivenessQuery(args: ChannelArgs): SqlQuery {
  const f = portfolioFilterSql(args.filter, 'account_id');
  // case dimensions through case_outcome_facts, account ones as before
  const cases = caseFilterSql(args.filter, 'case_id', { accounts: false });
  const caseFilter = `${
    f.condition === '1' ? '1' : `case_id IN (SELECT case_id FROM case_opened WHERE ${f.condition})`
  } AND ${cases.condition}`;
  return {
    query: `
      SELECT s.channel AS channel, s.attempts AS attempts, s.contacts AS contacts, s.rpcs AS rpcs,
             s.promises AS promises, s.cost AS cost,
             toInt64(ifNull(c.payments, 0)) AS payments, ifNull(c.collected, 0) AS collected
      FROM (
        SELECT channel, toInt64(count()) AS attempts,
               toInt64(countIf(${isContactSql('outcome')})) AS contacts,
               toInt64(countIf(${isRpcSql('outcome')})) AS rpcs,
               toInt64(countIf(outcome = 'promise_to_pay')) AS promises,
               round(${COST_SUM_SQL}, 2) AS cost
        FROM contact_attempt
        WHERE ${inPeriodSql('occurred_at')} AND ${caseFilter}
        GROUP BY channel
      ) AS s
      LEFT JOIN (
        SELECT attempt_channel AS channel, toInt64(count()) AS payments,
               round(toFloat64(sum(amount)), 2) AS collected
        FROM payment_facts
        WHERE ${CREDITED_SQL} AND ${caseFilter}
        GROUP BY attempt_channel
      ) AS c ON c.channel = s.channel
      SETTINGS join_use_nulls = 1`,
    query_params: { from: args.from, to: args.to, tz: args.tz, ...f.params, ...cases.params },
  };
}

/**
 * SPEC §4/§5 KPIs over [from, to]: one row of counts and sums from which every
 * KPI follows; the resolver runs it for the period and for the previous one.
 * Every figure is restricted to the accounts of the PortfolioFilter (cases,
 * attempts and promises through the account of their case).
 */
import { bucketSql } from '@collections/schema';
import { portfolioFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';
import { CASES_SQL, curedWithinSql, matureSql } from '../../sql/cases.ts';
import { isRpcSql } from '../../sql/contact.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { PROMISES_SQL } from '../../sql/promises.ts';

export interface KpiRow {
  delinquent_balance: number;
  delinquent_accounts: number;
  open_balance: number;
  charge_offs: number;
  cases_opened: number;
  cases_closed: number;
  cure_mature: number;
  cure_cured: number;
  amount_collected: number;
  attempts: number;
  rpcs: number;
  kept: number;
  matured_promises: number;
}

/** Cure within 30 days (SPEC §5 cure_rate_30d). */
const CURE_DAYS = '30';

export function kpiQuery(args: {
  from: string;
  to: string;
  tz: string;
  graceDays: number;
  filter?: PortfolioFilter | null;
}): SqlQuery {
  const accounts = portfolioFilterSql(args.filter, 'account_id');
  const byCase =
    accounts.condition === '1'
      ? '1'
      : `case_id IN (SELECT case_id FROM case_opened WHERE ${accounts.condition})`;
  const latest = (column: string) => `argMax(${column}, (as_of, occurred_at))`;
  return {
    query: `
      SELECT * FROM (
        -- State at period end: each account's latest snapshot on or before {to}.
        SELECT toFloat64(sumIf(balance, delinquent)) AS delinquent_balance,
               toInt64(countIf(delinquent)) AS delinquent_accounts,
               toFloat64(sumIf(balance, status = 'open')) AS open_balance
        FROM (
          SELECT status, balance,
                 status = 'open' AND ${bucketSql('status', 'dpd')} != 'M0' AS delinquent
          FROM (
            SELECT account_id, ${latest('status')} AS status, ${latest('dpd')} AS dpd, ${latest('balance')} AS balance
            FROM account_snapshot
            WHERE as_of <= {to:Date32} AND ${accounts.condition}
            GROUP BY account_id
          )
        )
      ) AS state
      CROSS JOIN (
        SELECT toInt64(countIf(first_charge_off >= {from:Date32} AND first_charge_off <= {to:Date32})) AS charge_offs
        FROM (
          SELECT account_id, min(as_of) AS first_charge_off FROM account_snapshot
          WHERE status = 'charged_off' AND ${accounts.condition} GROUP BY account_id
        )
      ) AS losses
      CROSS JOIN (
        SELECT toInt64(countIf(${inPeriodSql('opened_at')})) AS cases_opened,
               toInt64(countIf(is_closed AND ${inPeriodSql('closed_at')})) AS cases_closed,
               toInt64(countIf(${inPeriodSql('opened_at')} AND ${matureSql(CURE_DAYS, AS_OF_INSTANT_SQL)})) AS cure_mature,
               toInt64(countIf(${inPeriodSql('opened_at')} AND ${matureSql(CURE_DAYS, AS_OF_INSTANT_SQL)}
                               AND ${curedWithinSql(CURE_DAYS)})) AS cure_cured
        FROM ${CASES_SQL} WHERE ${accounts.condition}
      ) AS cases
      CROSS JOIN (
        SELECT toFloat64(sum(amount)) AS amount_collected FROM payment
        WHERE ${inPeriodSql('occurred_at')} AND ${accounts.condition}
      ) AS collected
      CROSS JOIN (
        SELECT toInt64(count()) AS attempts, toInt64(countIf(${isRpcSql('outcome')})) AS rpcs
        FROM contact_attempt WHERE ${inPeriodSql('occurred_at')} AND ${byCase}
      ) AS contacts
      CROSS JOIN (
        SELECT toInt64(countIf(status = 'kept')) AS kept, toInt64(countIf(status != 'pending')) AS matured_promises
        FROM ${PROMISES_SQL} WHERE ${inPeriodSql('made_at')} AND ${byCase}
      ) AS promises`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      grace: args.graceDays,
      ...accounts.params,
    },
  };
}

/**
 * Loss forecast inputs in one round trip (docs/metrics/loss-forecast.md): the pooled
 * count-basis matrix of the k origin months before the latest month (the same
 * builder as rollRates), and the month-end distribution of the latest month: each
 * account's state at its end as kpis and explore take it (sql/month-end-state.ts: an
 * account without a snapshot that month carries its last state), not only the accounts
 * snapshotted in it.
 */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { monthEndStatesSql } from '../../sql/month-end-state.ts';
import { accountMonthFilterSql, transitionsSql } from '../../sql/transitions.ts';

export interface ForecastInputRow {
  /** 'T' = pooled transition, 'D' = latest month-end distribution. */
  readonly kind: 'T' | 'D';
  /** The latest month with data (YYYY-MM), '' when there is none. */
  readonly base: string;
  readonly from: string;
  readonly to: string;
  readonly accounts: number;
  readonly balance: number;
}

export function lossForecastQuery(args: {
  lookbackMonths: number;
  filter?: PortfolioFilter | null;
}): SqlQuery {
  const filter = accountMonthFilterSql(args.filter);
  // Latest month with any state for the filtered accounts (the base of the projection).
  const base = `(SELECT max(month) FROM account_month WHERE ${filter.condition})`;
  const pooled = transitionsSql({
    fromSql: `addMonths(${base}, -{lookback:UInt8})`,
    toSql: `addMonths(${base}, -1)`,
    filter: args.filter,
    perMonth: false,
  });
  return {
    query: `
      SELECT 'T' AS kind, formatDateTime(${base}, '%Y-%m') AS base, from, to, accounts, balance
      FROM (${pooled.sql})
      UNION ALL
      SELECT 'D' AS kind, formatDateTime(${base}, '%Y-%m') AS base, bucket AS from, '' AS to,
        toUInt32(sum(accounts)) AS accounts, round(toFloat64(sum(balance)), 2) AS balance
      FROM (${monthEndStatesSql(`[${base}]`, filter)})
      GROUP BY bucket`,
    query_params: { ...filter.params, ...pooled.params, lookback: args.lookbackMonths },
  };
}

/**
 * Roll rates (docs/metrics/roll-rates.md): the per-month transitions of sql/transitions.ts over
 * the requested origin months.
 */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { transitionsSql } from '../../sql/transitions.ts';

/** `YYYY-MM` → `YYYY-MM-01`. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** Per-month transitions for origin months fromMonth … toMonth (inclusive). */
export function rollRatesQuery(args: {
  fromMonth: string;
  toMonth: string;
  filter?: PortfolioFilter | null;
}): SqlQuery {
  const t = transitionsSql({
    fromSql: '{fromMonth:Date32}',
    toSql: '{toMonth:Date32}',
    filter: args.filter,
    perMonth: true,
  });
  return {
    query: `${t.sql} ORDER BY ym, from, to`,
    query_params: {
      ...t.params,
      fromMonth: monthStart(args.fromMonth),
      toMonth: monthStart(args.toMonth),
    },
  };
}

/**
 * docs/metrics/vintages.md: accounts grouped by the month they were opened (`opened_on`
 * of their latest account_opened); for each months-on-book k (k = 0 is the
 * opening month, k = calendar months since), the accounts that have ever been
 * at 30+ (M2 or worse), 60+ (M3+) or 90+ (M4+) by the end of month k. "Ever"
 * reads every snapshot, not only month-ends; CHARGED_OFF ranks above M7_PLUS so
 * a charged-off account has been 90+; CLOSED is not delinquent (docs/metrics/vintages.md).
 *
 * Reads the derived table `account_vintage` (schema/src/derived/account-vintage/index.ts,
 * refreshed after every load): one row per account with the first month it
 * reached each threshold. Accounts are grouped by (vintage, those months), and
 * only then expanded over k = 0 … as-of month − vintage month.
 */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { portfolioColumnsSql } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { asOfDateSql } from '../../sql/as-of.ts';

/** Sentinel month number for "never reached". */
const NEVER = 1_000_000;

export interface VintagesArgs {
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly filter?: PortfolioFilter | null;
  readonly tz: string;
}

export interface VintageRow {
  vintage_month: string;
  k: number;
  accounts: number;
  ever30: number;
  ever60: number;
  ever90: number;
}

/** Months from the vintage to the first month at a threshold (`first`: first_30 …), NEVER when never reached. */
const monthsSince = (first: string) =>
  `if(isNull(${first}), ${NEVER}, greatest(0, toInt64(toRelativeMonthNum(assumeNotNull(${first}))) - toRelativeMonthNum(vintage)))`;

/**
 * account_vintage's accounts of the rows matching `condition`, grouped by vintage, the
 * last months-on-book (`max_k`: the as-of month's; {tz:String}), the months-on-book at
 * which they first reached 30+, 60+, 90+ (`k30`, `k60`, `k90`) and `columns`: `c`
 * accounts per group. An account is ever 30+ at months-on-book k when k30 <= k.
 * Also explore's vintage measures (explore.sql-cohort.ts).
 */
export function vintageGroupsSql(condition: string, columns: readonly string[] = []): string {
  const extra = columns.map((c) => `${c}, `).join('');
  return `
        SELECT ${extra}vintage,
               toInt64(toRelativeMonthNum(${asOfDateSql('{tz:String}')})) - toRelativeMonthNum(vintage) AS max_k,
               ${monthsSince('first_30')} AS k30,
               ${monthsSince('first_60')} AS k60,
               ${monthsSince('first_90')} AS k90,
               count() AS c
        FROM account_vintage
        WHERE ${condition}
        GROUP BY ${extra}vintage, max_k, k30, k60, k90`;
}

/** Accounts of a group (vintageGroupsSql) ever at `level`+ by months-on-book `k` (an SQL expression). */
export const everSql = (level: 30 | 60 | 90, k: string) => `sumIf(c, k${level} <= ${k})`;

/** The months-on-book 0 … max_k of a vintage group (none for a vintage after the as-of month). */
export const MONTHS_ON_BOOK_SQL = 'range(toUInt32(greatest(max_k + 1, 0)))';

export function vintagesQuery(args: VintagesArgs): SqlQuery {
  const filter = portfolioColumnsSql(args.filter);
  return {
    query: `
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT formatDateTime(vintage, '%Y-%m') AS vintage_month, toUInt32(k) AS k,
             toUInt32(sum(c)) AS accounts,
             toUInt32(${everSql(30, 'k')}) AS ever30,
             toUInt32(${everSql(60, 'k')}) AS ever60,
             toUInt32(${everSql(90, 'k')}) AS ever90
      FROM (${vintageGroupsSql(`vintage >= {fromMonth:Date32} AND vintage <= {toMonth:Date32} AND ${filter.condition}`)}
      )
      ARRAY JOIN ${MONTHS_ON_BOOK_SQL} AS k
      GROUP BY vintage, k
      ORDER BY vintage, k`,
    query_params: {
      fromMonth: `${args.fromMonth}-01`,
      toMonth: `${args.toMonth}-01`,
      tz: args.tz,
      ...filter.params,
    },
  };
}

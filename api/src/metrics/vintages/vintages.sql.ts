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

export function vintagesQuery(args: VintagesArgs): SqlQuery {
  const filter = portfolioColumnsSql(args.filter);
  const monthsSince = (first: string) =>
    `if(isNull(${first}), ${NEVER}, greatest(0, toInt64(toRelativeMonthNum(assumeNotNull(${first}))) - toRelativeMonthNum(vintage)))`;
  return {
    query: `
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT formatDateTime(vintage, '%Y-%m') AS vintage_month, toUInt32(k) AS k,
             toUInt32(sum(c)) AS accounts,
             toUInt32(sumIf(c, k30 <= k)) AS ever30,
             toUInt32(sumIf(c, k60 <= k)) AS ever60,
             toUInt32(sumIf(c, k90 <= k)) AS ever90
      FROM (
        SELECT vintage,
               toInt64(toRelativeMonthNum(${asOfDateSql('{tz:String}')})) - toRelativeMonthNum(vintage) AS max_k,
               ${monthsSince('first_30')} AS k30,
               ${monthsSince('first_60')} AS k60,
               ${monthsSince('first_90')} AS k90,
               count() AS c
        FROM account_vintage
        WHERE vintage >= {fromMonth:Date32} AND vintage <= {toMonth:Date32} AND ${filter.condition}
        GROUP BY vintage, max_k, k30, k60, k90
      )
      ARRAY JOIN range(toUInt32(greatest(max_k + 1, 0))) AS k
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

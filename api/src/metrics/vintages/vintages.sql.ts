/**
 * SPEC §4 Vintage: accounts grouped by the month they were opened (`opened_on`
 * of their latest account_opened); for each months-on-book k (k = 0 is the
 * opening month, k = calendar months since), the accounts that have ever been
 * at 30+ (M2 or worse), 60+ (M3+) or 90+ (M4+) by the end of month k. "Ever"
 * reads every snapshot, not only month-ends; CHARGED_OFF ranks above M7_PLUS so
 * a charged-off account has been 90+; CLOSED is not delinquent (docs/ANALYTICS-A.md).
 *
 * Each account is reduced to the first month it reached each threshold, the
 * accounts are grouped by (vintage, those months), and only then expanded over
 * k = 0 … as-of month − vintage month.
 */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { portfolioFilterSql } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { ACCOUNTS_SQL } from '../../sql/accounts.ts';
import { asOfDateSql } from '../../sql/as-of.ts';
import { bucketRankSql, rankOf } from '../../sql/buckets.ts';

const rankSql = bucketRankSql('status', 'dpd');
/** Sentinel month number for "never reached". */
const NEVER = 1_000_000;

export interface VintagesArgs {
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly filter?: PortfolioFilter | null;
  readonly tz: string;
}

export interface VintageRow {
  vintage: string;
  k: number;
  accounts: number;
  ever30: number;
  ever60: number;
  ever90: number;
}

export function vintagesQuery(args: VintagesArgs): SqlQuery {
  const filter = portfolioFilterSql(args.filter, 'account_id');
  const accounts = `(
    SELECT account_id, toStartOfMonth(opened_on) AS vintage
    FROM ${ACCOUNTS_SQL}
    WHERE opened_on >= {fromMonth:Date32} AND opened_on < addMonths({toMonth:Date32}, 1)
      AND ${filter.condition}
  )`;
  return {
    query: `
      SELECT formatDateTime(vintage, '%Y-%m') AS vintage, toUInt32(k) AS k,
             toUInt32(sum(c)) AS accounts,
             toUInt32(sumIf(c, k30 <= k)) AS ever30,
             toUInt32(sumIf(c, k60 <= k)) AS ever60,
             toUInt32(sumIf(c, k90 <= k)) AS ever90
      FROM (
        SELECT a.vintage AS vintage,
               toInt64(toRelativeMonthNum(${asOfDateSql('{tz:String}')})) - toRelativeMonthNum(a.vintage) AS max_k,
               greatest(0, toInt64(ifNull(s.m30, ${NEVER})) - toRelativeMonthNum(a.vintage)) AS k30,
               greatest(0, toInt64(ifNull(s.m60, ${NEVER})) - toRelativeMonthNum(a.vintage)) AS k60,
               greatest(0, toInt64(ifNull(s.m90, ${NEVER})) - toRelativeMonthNum(a.vintage)) AS k90,
               count() AS c
        FROM ${accounts} AS a
        LEFT JOIN (
          SELECT account_id,
                 min(if(r >= ${rankOf('M2')}, mn, ${NEVER})) AS m30,
                 min(if(r >= ${rankOf('M3')}, mn, ${NEVER})) AS m60,
                 min(if(r >= ${rankOf('M4')}, mn, ${NEVER})) AS m90
          FROM (
            SELECT account_id, toRelativeMonthNum(as_of) AS mn, ${rankSql} AS r
            FROM account_snapshot
            WHERE account_id IN (SELECT account_id FROM ${accounts})
          )
          GROUP BY account_id
        ) AS s ON s.account_id = a.account_id
        GROUP BY vintage, max_k, k30, k60, k90
      )
      ARRAY JOIN range(toUInt32(greatest(max_k + 1, 0))) AS k
      GROUP BY vintage, k
      ORDER BY vintage, k
      SETTINGS join_use_nulls = 1`,
    query_params: {
      fromMonth: `${args.fromMonth}-01`,
      toMonth: `${args.toMonth}-01`,
      tz: args.tz,
      ...filter.params,
    },
  };
}

import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';

/** The data's as-of instant and date (docs/metrics/README.md#as-of); null when nothing is loaded. */
export function asOfQuery(reportTz: string): SqlQuery {
  return {
    query: `SELECT
        if(count() = 0 OR t = toDateTime64(0, 3, 'UTC'), NULL, t) AS instant,
        if(count() = 0 OR t = toDateTime64(0, 3, 'UTC'), NULL, toString(toDate(t, {tz:String}))) AS date
      FROM (SELECT ${AS_OF_INSTANT_SQL} AS t)
      GROUP BY t`,
    query_params: { tz: reportTz },
  };
}

/**
 * SPEC §4 loss forecast, its input: the pooled count-basis roll matrix over the
 * last k origin months before the latest month, and the latest month-end
 * distribution (accounts and balance per bucket). The Markov projection on top
 * is a few matrix products in TS, the same for every engine.
 * Parameters: $1 = first origin month, $2 = latest month (first days).
 */
import { MONTH_END_SQL } from './roll-rates.ts';
import { cents, sortBy, type ComparisonSql } from './types.ts';

export const lossForecastSql: ComparisonSql = {
  name: 'lossForecast',
  sql: () => `
    WITH me AS ${MONTH_END_SQL('$1', "CAST($2 AS DATE) + INTERVAL '1 month'")}
    SELECT 'matrix' AS part, a.bucket AS from_bucket, b.bucket AS to_bucket, count(*) AS accounts, sum(a.balance) AS balance
    FROM me AS a JOIN me AS b ON b.account_id = a.account_id AND b.m = CAST(a.m + INTERVAL '1 month' AS DATE)
    WHERE a.m < CAST($2 AS DATE)
    GROUP BY a.bucket, b.bucket
    UNION ALL
    SELECT 'latest', bucket, '', count(*), sum(balance) FROM me WHERE m = CAST($2 AS DATE) GROUP BY bucket`,
  params: (a) => {
    const [y, m] = a.toMonth.split('-').map(Number) as [number, number];
    // toMonth is the last origin month of rollRates; the latest month is the one after it.
    const latest = new Date(Date.UTC(y, m, 1));
    const first = new Date(Date.UTC(y, m - a.forecastMonths, 1));
    return [first.toISOString().slice(0, 10), latest.toISOString().slice(0, 10)];
  },
  canonical: (rows) =>
    sortBy(
      rows.map((r) => ({
        part: String(r.part),
        from: String(r.from_bucket),
        to: String(r.to_bucket),
        accounts: Number(r.accounts),
        balance: cents(r.balance),
      })),
      'part',
      'from',
      'to',
    ),
};

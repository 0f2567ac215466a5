/**
 * docs/metrics/loss-forecast.md, its input: the pooled count-basis roll matrix over the
 * last k origin months before the latest month, and the latest month-end
 * distribution (accounts and balance per bucket): each account's latest snapshot on or
 * before the end of the latest month, carried from an earlier month when it has none
 * in it (as kpis' month-end state). The Markov projection on top
 * is a few matrix products in TS, the same for every engine.
 * Parameters: $1 = first origin month, $2 = latest month (first days).
 */
import { BUCKET_SQL } from './common.ts';
import { MONTH_END_SQL } from './roll-rates.ts';
import { cents, num, sortBy, type Canonical, type ComparisonSql } from './types.ts';

export const lossForecastSql: ComparisonSql = {
  name: 'lossForecast',
  sql: () => `
    WITH me AS ${MONTH_END_SQL('$1', "CAST($2 AS DATE) + INTERVAL '1 month'")}
    SELECT 'matrix' AS part, a.bucket AS from_bucket, b.bucket AS to_bucket, count(*) AS accounts, sum(a.balance) AS balance
    FROM me AS a JOIN me AS b ON b.account_id = a.account_id AND b.m = CAST(a.m + INTERVAL '1 month' AS DATE)
    WHERE a.m < CAST($2 AS DATE)
    GROUP BY a.bucket, b.bucket
    UNION ALL
    SELECT 'latest', bucket, '', count(*), sum(balance) FROM (
      SELECT ${BUCKET_SQL} AS bucket, balance,
             row_number() OVER (PARTITION BY account_id ORDER BY as_of DESC, occurred_at DESC, event_id DESC) AS rn
      FROM account_snapshot WHERE as_of < CAST($2 AS DATE) + INTERVAL '1 month'
    ) AS l WHERE rn = 1 GROUP BY bucket`,
  params: (a) => {
    const [y, m] = a.toMonth.split('-').map(Number) as [number, number];
    // toMonth is the last origin month of rollRates; the latest month is the one after it.
    const latest = new Date(Date.UTC(y, m, 1));
    const first = new Date(Date.UTC(y, m - a.forecastMonths, 1));
    return [first.toISOString().slice(0, 10), latest.toISOString().slice(0, 10)];
  },
  canonical(rows) {
    const matrix = rows.filter((r) => r.part === 'matrix');
    const totals = new Map<string, number>();
    for (const r of matrix)
      totals.set(
        String(r.from_bucket),
        (totals.get(String(r.from_bucket)) ?? 0) + Number(r.accounts),
      );
    return forecastCanonical(
      matrix.map((r) => ({
        from: String(r.from_bucket),
        to: String(r.to_bucket),
        probability: Number(r.accounts) / totals.get(String(r.from_bucket))!,
      })),
      rows
        .filter((r) => r.part === 'latest')
        .map((r) => ({
          bucket: String(r.from_bucket),
          accounts: Number(r.accounts),
          balance: Number(r.balance),
        })),
    );
  },
};

const ABSORBING = new Set(['CHARGED_OFF', 'CLOSED']);

/**
 * Loss-forecast inputs compared as transition probabilities out of the
 * non-absorbing buckets (zero ones left out) and the start distribution.
 */
export function forecastCanonical(
  matrix: { from: string; to: string; probability: number }[],
  start: { bucket: string; accounts: number; balance: number }[],
): Canonical {
  const rows: Canonical = [
    ...matrix
      .filter((m) => !ABSORBING.has(m.from) && m.probability > 0)
      .map((m) => ({
        part: 'matrix',
        from: m.from,
        to: m.to,
        probability: num(m.probability),
        accounts: null,
        balance: null,
      })),
    ...start
      .filter((s) => s.accounts > 0)
      .map((s) => ({
        part: 'start',
        from: s.bucket,
        to: '',
        probability: null,
        accounts: num(s.accounts),
        balance: cents(s.balance),
      })),
  ];
  return sortBy(rows, 'part', 'from', 'to');
}

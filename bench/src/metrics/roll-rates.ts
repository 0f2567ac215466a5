/**
 * docs/metrics/roll-rates.md, pooled over the origin months [fromMonth, toMonth]: each
 * account's month-end state (latest snapshot in the month, later occurred_at on
 * ties) against its state the month after; accounts with no state then are
 * `unobserved` (kept apart from the rates). Count and balance bases.
 */
import { BUCKET_SQL } from './common.ts';
import { cents, num, sortBy, type Canonical, type ComparisonSql } from './types.ts';

export const MONTH_END_SQL = (from: string, to: string) => `(
  SELECT account_id, m, bucket, balance FROM (
    SELECT account_id, CAST(date_trunc('month', as_of) AS DATE) AS m, ${BUCKET_SQL} AS bucket, balance,
           row_number() OVER (PARTITION BY account_id, date_trunc('month', as_of)
                              ORDER BY as_of DESC, occurred_at DESC, event_id DESC) AS rn
    FROM account_snapshot
    WHERE as_of >= CAST(${from} AS DATE) AND as_of < CAST(${to} AS DATE)
  ) AS s WHERE rn = 1
)`;

export const rollRatesSql: ComparisonSql = {
  name: 'rollRates',
  sql: () => `
    WITH me AS ${MONTH_END_SQL('$1', "CAST($2 AS DATE) + INTERVAL '2 month'")},
    t AS (
      SELECT a.bucket AS from_bucket, b.bucket AS to_bucket, a.balance
      FROM me AS a
      LEFT JOIN me AS b ON b.account_id = a.account_id AND b.m = CAST(a.m + INTERVAL '1 month' AS DATE)
      WHERE a.m <= CAST($2 AS DATE)
    )
    SELECT from_bucket, COALESCE(to_bucket, 'unobserved') AS to_bucket,
           count(*) AS accounts, sum(balance) AS balance
    FROM t GROUP BY 1, 2`,
  params: (a) => [a.fromMonth, a.toMonth],
  canonical(rows): Canonical {
    const observed = rows.filter((r) => r.to_bucket !== 'unobserved');
    const base = new Map<string, { n: number; b: number }>();
    for (const r of observed) {
      const k = String(r.from_bucket);
      const cur = base.get(k) ?? { n: 0, b: 0 };
      base.set(k, { n: cur.n + Number(r.accounts), b: cur.b + Number(r.balance) });
    }
    const out: Canonical = observed.map((r) => {
      const d = base.get(String(r.from_bucket))!;
      return {
        from: String(r.from_bucket),
        to: String(r.to_bucket),
        accounts: Number(r.accounts),
        balance: cents(r.balance),
        accountRate: num(Number(r.accounts) / d.n),
        balanceRate: d.b === 0 ? 0 : num(Number(r.balance) / d.b),
      };
    });
    const unobserved = rows
      .filter((r) => r.to_bucket === 'unobserved')
      .reduce((s, r) => s + Number(r.accounts), 0);
    return [...sortBy(out, 'from', 'to'), { from: '*', to: 'unobserved', accounts: unobserved }];
  },
};

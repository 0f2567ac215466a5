/**
 * docs/metrics/cure-curve.md, N = 0…maxDays, for cases opened in
 * [from, to]: mature(N) = t0 + N days ≤ as-of; cured(N) = mature and cured at or
 * before t0 + N days. Each case contributes its cure day and maturity once, then
 * a running sum over N (no case × day cross product).
 */
import { AS_OF_SQL, CASES_SQL, inPeriod, secondsBetween } from './common.ts';
import { num, type ComparisonSql } from './types.ts';

export const cureCurveSql: ComparisonSql = {
  name: 'cureCurve',
  sql: () => `
    WITH as_of AS (SELECT ${AS_OF_SQL} AS as_of),
    c AS (
      SELECT floor(${secondsBetween('(SELECT as_of FROM as_of)', 'opened_at')} / 86400) AS mature_days,
             CASE WHEN cured_at IS NOT NULL THEN ceil(${secondsBetween('cured_at', 'opened_at')} / 86400) END AS cure_day
      FROM ${CASES_SQL} AS cases WHERE ${inPeriod('opened_at', '$1', '$2')}),
    days AS (SELECT n FROM generate_series(0, CAST($3 AS INTEGER)) AS g(n))
    SELECT days.n,
           count(c.mature_days) FILTER (WHERE c.mature_days >= days.n) AS mature,
           count(c.mature_days) FILTER (WHERE c.mature_days >= days.n AND c.cure_day <= days.n) AS cured
    FROM days LEFT JOIN c ON c.mature_days >= days.n
    GROUP BY days.n ORDER BY days.n`,
  params: (a) => [a.from, a.to, a.maxDays],
  canonical: (rows) =>
    rows.map((r) => ({
      day: Number(r.n),
      mature: Number(r.mature),
      cured: Number(r.cured),
      rate: Number(r.mature) === 0 ? null : num(Number(r.cured) / Number(r.mature)),
    })),
};

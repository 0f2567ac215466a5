/**
 * docs/metrics/case-outcomes.md by strategy over cases closed in [from, to]: outcome
 * counts, mean and median days to close (elapsed hours / 24), recovered
 * (payments on the case from open to close, both included) and recovery rate.
 */
import { CASE_OUTCOMES } from '@collections/schema';
import { CASES_SQL, inPeriod, secondsBetween } from './common.ts';
import { cents, num, ratio, sortBy, type ComparisonSql } from './types.ts';

export const caseOutcomesSql: ComparisonSql = {
  name: 'caseOutcomes',
  sql: () => `
    WITH closed AS (
      SELECT c.case_id, c.strategy, c.outcome, c.entry_balance, c.opened_at, c.closed_at,
             ${secondsBetween('c.closed_at', 'c.opened_at')} / 86400.0 AS days
      FROM ${CASES_SQL} AS c
      WHERE c.closed_at IS NOT NULL AND ${inPeriod('c.closed_at', '$1', '$2')}),
    rec AS (
      SELECT closed.case_id, COALESCE(sum(p.amount), 0) AS recovered
      FROM closed LEFT JOIN payment AS p
        ON p.case_id = closed.case_id AND p.occurred_at >= closed.opened_at AND p.occurred_at <= closed.closed_at
      GROUP BY closed.case_id)
    SELECT strategy, count(*) AS cases,
           ${CASE_OUTCOMES.map((o) => `count(*) FILTER (WHERE outcome = '${o}') AS n_${o}`).join(', ')},
           avg(days) AS mean_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
           sum(recovered) AS recovered, sum(entry_balance) AS entry_balance
    FROM closed JOIN rec ON rec.case_id = closed.case_id
    GROUP BY strategy`,
  params: (a) => [a.from, a.to],
  canonical: (rows) =>
    sortBy(
      rows.map((r) => ({
        key: String(r.strategy),
        cases: Number(r.cases),
        ...Object.fromEntries(CASE_OUTCOMES.map((o) => [o, Number(r[`n_${o}`])])),
        meanDaysToClose: num(r.mean_days, 4),
        medianDaysToClose: num(r.median_days, 4),
        recovered: cents(r.recovered),
        recoveryRate: ratio(r.recovered, r.entry_balance) ?? 0,
      })),
      'key',
    ),
};

/**
 * docs/metrics/strategy-comparison.md, the per-arm counts behind it: cases opened in
 * [from, to] in the experiment; over mature cases (t0 + N days ≤ as-of): cured
 * within N days, recovered within N days, entry balance and contact cost in
 * [t0, t0 + N days]. Intervals and tests are arithmetic on these (done in TS
 * by the API), so the engines are compared on the sums.
 */
import { AS_OF_SQL, CASES_SQL, inPeriod, plusDays } from './common.ts';
import { cents, num, sortBy, type ComparisonSql } from './types.ts';

export const strategyComparisonSql: ComparisonSql = {
  name: 'strategyComparison',
  sql: () => `
    WITH as_of AS (SELECT ${AS_OF_SQL} AS as_of),
    arm AS (
      SELECT c.case_id, c.strategy, c.entry_balance, c.opened_at, ${plusDays('c.opened_at', '$4')} AS horizon,
             ${plusDays('c.opened_at', '$4')} <= (SELECT as_of FROM as_of) AS mature,
             c.cured_at IS NOT NULL AND c.cured_at <= ${plusDays('c.opened_at', '$4')} AS cured
      FROM ${CASES_SQL} AS c
      WHERE c.experiment = $3 AND ${inPeriod('c.opened_at', '$1', '$2')}),
    rec AS (
      SELECT arm.case_id, COALESCE(sum(p.amount), 0) AS recovered
      FROM arm LEFT JOIN payment AS p
        ON p.case_id = arm.case_id AND p.occurred_at >= arm.opened_at AND p.occurred_at <= arm.horizon
      WHERE arm.mature GROUP BY arm.case_id),
    cost AS (
      SELECT arm.case_id, COALESCE(sum(a.cost), 0) AS cost
      FROM arm LEFT JOIN contact_attempt AS a
        ON a.case_id = arm.case_id AND a.occurred_at >= arm.opened_at AND a.occurred_at <= arm.horizon
      WHERE arm.mature GROUP BY arm.case_id)
    SELECT arm.strategy, count(*) AS cases, count(*) FILTER (WHERE mature) AS mature_cases,
           count(*) FILTER (WHERE mature AND cured) AS cured,
           COALESCE(sum(rec.recovered), 0) AS recovered, COALESCE(sum(entry_balance) FILTER (WHERE mature), 0) AS entry_balance,
           COALESCE(sum(cost.cost), 0) AS cost
    FROM arm LEFT JOIN rec ON rec.case_id = arm.case_id LEFT JOIN cost ON cost.case_id = arm.case_id
    GROUP BY arm.strategy`,
  params: (a) => [a.from, a.to, a.experiment, a.cureWithinDays],
  canonical: (rows) =>
    sortBy(
      rows.map((r) => {
        const mature = Number(r.mature_cases);
        const per = (x: number) => (mature === 0 ? 0 : cents(x / mature));
        return {
          strategy: String(r.strategy),
          cases: Number(r.cases),
          matureCases: mature,
          cured: Number(r.cured),
          cureRate: mature === 0 ? 0 : num(Number(r.cured) / mature),
          recoveryRate:
            Number(r.entry_balance) === 0 ? 0 : num(Number(r.recovered) / Number(r.entry_balance)),
          costPerCase: per(Number(r.cost)),
          netRecoveryPerCase: per(Number(r.recovered) - Number(r.cost)),
        };
      }),
      'strategy',
    ),
};

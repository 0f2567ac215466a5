/**
 * The experiments of the loaded cases (case_opened `experiment`), per arm
 * (strategy): cases, cases tagged arm_role champion, and the local days of the
 * first and last opening. Read from case_outcome_facts, as strategyComparison.
 */
import type { SqlQuery } from '../../query.ts';

export interface ExperimentArmRow {
  experiment: string;
  strategy: string;
  cases: number;
  champion_tagged: number;
  first_day: string;
  last_day: string;
}

export function experimentArmsQuery(tz: string): SqlQuery {
  return {
    query: `
      SELECT toString(experiment) AS experiment, toString(strategy) AS strategy,
             toInt64(count()) AS cases, toInt64(countIf(arm_role = 'champion')) AS champion_tagged,
             toString(toDate(min(opened_at), {tz:String})) AS first_day,
             toString(toDate(max(opened_at), {tz:String})) AS last_day
      FROM case_outcome_facts
      WHERE experiment != ''
      GROUP BY experiment, strategy
      ORDER BY experiment, strategy`,
    query_params: { tz },
  };
}

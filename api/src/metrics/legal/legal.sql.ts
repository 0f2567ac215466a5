/**
 * SPEC §4 Legal, for cases whose first legal_action falls in [from, to] (local
 * days): per stage reached, cases, legal cost (all the case's legal actions),
 * amount recovered (payments on the case at or after its first legal action),
 * days from case open (its first case_opened) to the first legal action, and
 * the total over all stages (WITH ROLLUP: the row whose stage is '').
 *
 * Stage: `withdrawn` when the case's latest action is a withdrawal; otherwise
 * the furthest of demand_letter → filed → judgment → enforcement it reached
 * (a case refiled after a withdrawal is back in the pipeline).
 */
import { LEGAL_STAGES } from '@collections/schema';
import type { SqlQuery } from '../../query.ts';
import { CASES_SQL } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';

const stagesArray = `[${LEGAL_STAGES.map((s) => `'${s}'`).join(', ')}]`;

export interface LegalArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
}

export interface LegalRow {
  stage: string;
  n_cases: number;
  sum_cost: number;
  sum_recovered: number;
  n_opened_known: number;
  mean_days: number;
  median_days: number;
}

export function legalQuery(args: LegalArgs): SqlQuery {
  return {
    query: `
      WITH legal AS (
        SELECT case_id, min(occurred_at) AS first_at, sum(cost) AS cost,
               argMax(action, occurred_at) AS last_action,
               max(indexOf(${stagesArray}, action)) AS furthest
        FROM legal_action
        GROUP BY case_id
        HAVING ${inPeriodSql('first_at')}
      )
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT stage,
             toUInt32(count()) AS n_cases,
             round(toFloat64(sum(cost)), 2) AS sum_cost,
             round(toFloat64(sum(recovered)), 2) AS sum_recovered,
             toUInt32(countIf(opened_known)) AS n_opened_known,
             ifNotFinite(avgIf(days, opened_known), 0) AS mean_days,
             ifNotFinite(quantileExactInclusiveIf(0.5)(days, opened_known), 0) AS median_days
      FROM (
        SELECT l.case_id AS case_id,
               if(l.last_action = 'withdrawn', 'withdrawn', ${stagesArray}[l.furthest]) AS stage,
               l.cost AS cost, r.recovered AS recovered,
               c.case_id != '' AS opened_known,
               (toUnixTimestamp64Milli(l.first_at) - toUnixTimestamp64Milli(c.opened_at)) / 86400000 AS days
        FROM legal AS l
        LEFT JOIN (
          SELECT l.case_id AS case_id, sumIf(pay.amount, pay.occurred_at >= l.first_at) AS recovered
          FROM legal AS l
          LEFT JOIN (
            SELECT case_id, occurred_at, amount FROM payment
            WHERE case_id != '' AND case_id IN (SELECT case_id FROM legal)
          ) AS pay ON pay.case_id = l.case_id
          GROUP BY l.case_id
        ) AS r ON r.case_id = l.case_id
        LEFT JOIN (
          SELECT case_id, opened_at FROM ${CASES_SQL} WHERE case_id IN (SELECT case_id FROM legal)
        ) AS c ON c.case_id = l.case_id
      )
      GROUP BY stage WITH ROLLUP
      ORDER BY stage
      SETTINGS join_use_nulls = 0`,
    query_params: { from: args.from, to: args.to, tz: args.tz },
  };
}

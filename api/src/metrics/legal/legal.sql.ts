/**
 * docs/metrics/legal-pipeline.md, for cases whose first legal_action falls in [from, to] (local
 * days): per stage reached, cases, legal cost (all the case's legal actions),
 * amount recovered (payments on the case at or after its first legal action),
 * days from case open (its first case_opened) to the first legal action, and
 * the total over all stages (WITH ROLLUP: the row whose stage is '').
 *
 * Stage: `withdrawn` when the case's latest action is a withdrawal; otherwise
 * the furthest of demand_letter → filed → judgment → enforcement it reached
 * (a case refiled after a withdrawal is back in the pipeline).
 *
 * Each case's stage, cost, recovery and opening are precomputed in the derived
 * table `legal_case_facts` (schema/src/derived/legal-case-facts/index.ts).
 */
import { caseFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { inPeriodSql } from '../../sql/period.ts';

/** Days from the case's opening to its first legal action, on legal_case_facts columns (meaningful when has_opening). */
export const DAYS_TO_FIRST_ACTION_SQL =
  '(toUnixTimestamp64Milli(first_at) - toUnixTimestamp64Milli(opened_at)) / 86400000';

export interface LegalArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly filter?: PortfolioFilter | null;
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
  const filter = caseFilterSql(args.filter, 'case_id');
  return {
    query: `
      SELECT stage,
             toUInt32(count()) AS n_cases,
             round(toFloat64(sum(l.cost)), 2) AS sum_cost,
             round(toFloat64(sum(l.recovered)), 2) AS sum_recovered,
             toUInt32(countIf(l.has_opening)) AS n_opened_known,
             ifNotFinite(avgIf(days, l.has_opening), 0) AS mean_days,
             ifNotFinite(quantileExactInclusiveIf(0.5)(days, l.has_opening), 0) AS median_days
      FROM (
        SELECT toString(stage) AS stage, cost, recovered, has_opening,
               ${DAYS_TO_FIRST_ACTION_SQL} AS days
        FROM legal_case_facts
        WHERE ${inPeriodSql('first_at')} AND ${filter.condition}
      ) AS l
      GROUP BY stage WITH ROLLUP
      ORDER BY stage`,
    query_params: { from: args.from, to: args.to, tz: args.tz, ...filter.params },
  };
}

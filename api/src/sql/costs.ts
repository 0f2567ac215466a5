/**
 * Collection costs, one definition for every metric that shows them:
 * - contact cost: Σ `cost` of contact attempts (docs/metrics/channel-effectiveness.md
 *   "total cost"; channelEffectiveness per channel, kpis over the period);
 * - legal cost incurred in a period: Σ `cost` of the legal actions dated in it
 *   (kpis). legalPipeline's `legalCost` is the cost of a cohort instead: all the
 *   actions of the cases whose first action falls in the period.
 * Parameters: {from:Date32}, {to:Date32}, {tz:String}.
 */
import { inPeriodSql } from './period.ts';

/** Σ cost of the rows aggregated (contact_attempt or legal_action), as Float64. */
export const COST_SUM_SQL = 'toFloat64(sum(cost))';

/** Legal actions dated in the period: (case_id, cost). */
export const LEGAL_COSTS_IN_PERIOD_SQL = `SELECT case_id, cost FROM legal_action WHERE ${inPeriodSql('occurred_at')}`;

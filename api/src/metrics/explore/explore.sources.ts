/**
 * Explore's sources for the agent, plan and legal-stage dimensions
 * (docs/metrics/explore.md), each the SQL of the named metric that defines it:
 * - the team of an agent: its latest agent_registered (sql/agents.ts, as
 *   agentPerformance, teamPerformance and caseOutcomes' team);
 * - plans created: the first event of each plan (PLANS_SQL, as repaymentPlans);
 * - a case's legal stage: legal_case_facts.stage (as legalPipeline).
 */
import { AGENTS_SQL } from '../../sql/agents.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { PLANS_SQL } from '../repayment-plans/repayment-plans.sql.ts';

/**
 * The team of the agent in `agentColumn` as `g_team` ('' for no agent or an
 * unregistered one: join_use_nulls = 0).
 */
export const agentTeamJoinSql = (agentColumn: string) =>
  `LEFT JOIN (SELECT agent_id AS g_id, toString(team) AS g_team FROM ${AGENTS_SQL}) AS g ON g.g_id = ${agentColumn}`;

/**
 * Attempts and RPCs per UTC day and agent (g_agent) from agent_day, as
 * agentPerformance reads them, and the day's attempts without an agent
 * (agent_day leaves them out) as kpi_daily's total minus agent_day's, under
 * agent ''; `period` is the UTC days' condition on `day`. Columns: day, g_agent, a, r.
 */
export const agentDailySql = (period: string) => `(
    SELECT day, toString(agent_id) AS g_agent, toInt64(attempts) AS a, toInt64(rpcs) AS r,
           toInt64(talk_seconds) AS t
    FROM agent_day WHERE ${period}
    UNION ALL
    SELECT k.day AS day, '' AS g_agent, k.a - ad.a AS a, k.r - ad.r AS r, toInt64(0) AS t
    FROM (SELECT day, toInt64(sum(attempts)) AS a, toInt64(sum(rpcs)) AS r FROM kpi_daily
          WHERE ${period} GROUP BY day) AS k
    LEFT JOIN (SELECT toDate32(day) AS day, toInt64(sum(attempts)) AS a, toInt64(sum(rpcs)) AS r
               FROM agent_day WHERE ${period} GROUP BY day) AS ad ON ad.day = k.day
    WHERE k.a != ad.a OR k.r != ad.r
  ) AS f`;

/** case_outcome_facts with the holder at close as `g_agent` and its team as `g_team`. */
export const CASES_WITH_HOLDER_SQL = `(SELECT *, holder_at_close AS g_agent FROM case_outcome_facts) AS c
    ${agentTeamJoinSql('c.g_agent')}`;

/** Plans created in the period, one row per plan: f_case, f_at, plan_kind, total_amount. */
export const PLANS_FACT_SQL = `SELECT case_id AS f_case, created_at AS f_at, toString(kind) AS plan_kind, total_amount
  FROM ${PLANS_SQL} WHERE ${inPeriodSql('created_at')}`;

/** The legal stage of the case in `caseColumn` as `l_stage` (legalPipeline's stage). */
export const legalStageJoinSql = (caseColumn: string) =>
  `LEFT JOIN (SELECT case_id AS l_case, toString(stage) AS l_stage FROM legal_case_facts) AS l ON l.l_case = ${caseColumn}`;

/**
 * docs/metrics/agent-performance.md over [from, to] for every agent with an attempt, a
 * promise or an attributed payment in the period: counts, kept rate, collected
 * amount, cases worked, talk time and compliance violations (./compliance.ts).
 */
import type { Dialect } from '../tables.ts';
import { complianceAttemptsSql } from './compliance.ts';
import { AS_OF_SQL, attributedPaymentsSql, inPeriod, promisesSql, RPC_SQL } from './common.ts';
import { cents, num, ratio, sortBy, type ComparisonSql } from './types.ts';

export const agentPerformanceSql: ComparisonSql = {
  name: 'agentPerformance',
  sql: (dialect: Dialect) => `
    WITH as_of AS (SELECT ${AS_OF_SQL} AS as_of),
    att AS (
      SELECT agent_id, count(*) AS attempts, count(*) FILTER (WHERE ${RPC_SQL}) AS rpcs,
             count(DISTINCT case_id) AS cases_worked,
             COALESCE(sum(duration_s) FILTER (WHERE channel = 'call'), 0) AS talk_seconds
      FROM contact_attempt WHERE agent_id <> '' AND ${inPeriod('occurred_at', '$1', '$2')}
      GROUP BY agent_id),
    ptp AS (
      SELECT agent_id, count(*) AS promises, count(*) FILTER (WHERE status = 'kept') AS kept,
             count(*) FILTER (WHERE status <> 'pending') AS matured
      FROM ${promisesSql('$3')} AS p
      WHERE agent_id <> '' AND ${inPeriod('made_at', '$1', '$2')}
      GROUP BY agent_id),
    pay AS (
      SELECT agent_id, sum(amount) AS collected
      FROM ${attributedPaymentsSql(dialect, inPeriod('occurred_at', '$1', '$2'))} AS x
      WHERE agent_id <> '' GROUP BY agent_id),
    vio AS (
      SELECT agent_id, count(*) AS violations FROM ${complianceAttemptsSql('$1', '$2')} AS v
      WHERE is_violation AND agent_id <> '' AND ${inPeriod('occurred_at', '$1', '$2')}
      GROUP BY agent_id),
    agents AS (SELECT agent_id FROM att UNION SELECT agent_id FROM ptp UNION SELECT agent_id FROM pay)
    SELECT agents.agent_id, COALESCE(attempts, 0) AS attempts, COALESCE(rpcs, 0) AS rpcs,
           COALESCE(promises, 0) AS promises, COALESCE(kept, 0) AS kept, COALESCE(matured, 0) AS matured,
           COALESCE(collected, 0) AS collected, COALESCE(cases_worked, 0) AS cases_worked,
           COALESCE(talk_seconds, 0) AS talk_seconds, COALESCE(violations, 0) AS violations
    FROM agents
    LEFT JOIN att ON att.agent_id = agents.agent_id
    LEFT JOIN ptp ON ptp.agent_id = agents.agent_id
    LEFT JOIN pay ON pay.agent_id = agents.agent_id
    LEFT JOIN vio ON vio.agent_id = agents.agent_id
    -- the API's first page (limit 1000) in its order: at M there are 2 500 agents
    ORDER BY COALESCE(collected, 0) DESC, agents.agent_id ASC
    LIMIT 1000`,
  params: (a) => [a.from, a.to, a.graceDays],
  canonical: (rows) =>
    sortBy(
      rows.map((r) => ({
        agentId: String(r.agent_id),
        attempts: Number(r.attempts),
        rpcs: Number(r.rpcs),
        promises: Number(r.promises),
        keptRate: ratio(r.kept, r.matured),
        amountCollected: cents(r.collected),
        casesWorked: Number(r.cases_worked),
        talkSeconds: num(r.talk_seconds),
        violations: Number(r.violations),
      })),
      'agentId',
    ),
};

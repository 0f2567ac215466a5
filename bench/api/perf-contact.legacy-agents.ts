/**
 * bench/api/perf-contact.ts "before": api/src/metrics/agent-performance/agent-performance.sql.ts
 * as of commit 79768a7, over the legacy fragments. Original comment:
 *
 * SPEC §4 Agent performance over [from, to], per agent or rolled up per team.
 * Each source is aggregated per agent in SQL (attempts, promises, attributed
 * payments, violations), then joined to the agent dimension (latest
 * agent_registered; late agents resolve at query time). Team level groups the
 * same sources by the agent's current team, so "cases worked" counts a case
 * once per team even when two of its agents worked it.
 */
import type { SqlQuery } from '../../api/src/query.ts';
import { isRpcSql } from '../../api/src/sql/contact.ts';
import { inPeriodSql } from '../../api/src/sql/period.ts';
import {
  LEGACY_ATTRIBUTED_PAYMENTS_SQL as ATTRIBUTED_PAYMENTS_SQL,
  LEGACY_COMPLIANCE_ATTEMPTS_SQL as COMPLIANCE_ATTEMPTS_SQL,
  LEGACY_PROMISES_SQL as PROMISES_SQL,
} from './perf-contact.legacy.ts';

export interface PerformanceArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly graceDays: number;
  readonly compliance: Record<string, number>;
}

export type PerformanceLevel = 'agent' | 'team';

/** Latest registration per agent: name and team (SPEC §2 agent_registered). */
const AGENTS_SQL = `(
  SELECT agent_id, argMax(name, occurred_at) AS name, argMax(team, occurred_at) AS team, toUInt8(1) AS registered
  FROM agent_registered GROUP BY agent_id
)`;

/** Rows of one source, tagged with the grouping key (agent_id or team). */
function keyed(level: PerformanceLevel, source: string, columns: string): string {
  const key = level === 'agent' ? 's.agent_id' : "if(ag.registered = 1, toString(ag.team), '')";
  return `SELECT ${key} AS key, ${columns}
    FROM ${source} AS s LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = s.agent_id`;
}

/** One row per key with every measure; `period` restricts each source to [from, to]. */
function measuresSql(level: PerformanceLevel): string {
  const attempts = `(SELECT agent_id, case_id, outcome, channel, duration_s FROM contact_attempt
                     WHERE agent_id != '' AND ${inPeriodSql('occurred_at')})`;
  const promises = `(SELECT agent_id, status FROM ${PROMISES_SQL}
                     WHERE agent_id != '' AND ${inPeriodSql('made_at')})`;
  const payments = `(SELECT agent_id, amount FROM ${ATTRIBUTED_PAYMENTS_SQL}
                     WHERE agent_id != '' AND ${inPeriodSql('occurred_at')})`;
  const violations = `(SELECT agent_id FROM ${COMPLIANCE_ATTEMPTS_SQL}
                       WHERE agent_id != '' AND is_violation AND in_period)`;
  const zero = `toUInt64(0)`;
  return `
    SELECT key,
           sum(attempts) AS attempts, sum(rpcs) AS rpcs, sum(cases_worked) AS cases_worked,
           sum(talk_seconds) AS talk_seconds, sum(promises) AS promises, sum(kept) AS kept,
           sum(matured) AS matured, sum(collected) AS collected, sum(violations) AS violations
    FROM (
      SELECT key, count() AS attempts, countIf(${isRpcSql('outcome')}) AS rpcs,
             uniqExact(case_id) AS cases_worked, sumIf(duration_s, channel = 'call') AS talk_seconds,
             ${zero} AS promises, ${zero} AS kept, ${zero} AS matured, toDecimal128(0, 2) AS collected, ${zero} AS violations
      FROM (${keyed(level, attempts, 's.case_id AS case_id, s.outcome AS outcome, s.channel AS channel, s.duration_s AS duration_s')})
      GROUP BY key
      UNION ALL
      SELECT key, ${zero}, ${zero}, ${zero}, ${zero}, count(), countIf(status = 'kept'), countIf(status != 'pending'),
             toDecimal128(0, 2), ${zero}
      FROM (${keyed(level, promises, 's.status AS status')})
      GROUP BY key
      UNION ALL
      SELECT key, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, toDecimal128(sum(amount), 2), ${zero}
      FROM (${keyed(level, payments, 's.amount AS amount')})
      GROUP BY key
      UNION ALL
      SELECT key, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, ${zero}, toDecimal128(0, 2), count()
      FROM (${keyed(level, violations, '1 AS one')})
      GROUP BY key
    )
    GROUP BY key`;
}

const MEASURE_COLUMNS = `toInt64(m.attempts) AS attempts, toInt64(m.rpcs) AS rpcs,
  toInt64(m.cases_worked) AS cases_worked, toInt64(m.talk_seconds) AS talk_seconds,
  toInt64(m.promises) AS promises, toInt64(m.kept) AS kept, toInt64(m.matured) AS matured,
  toFloat64(m.collected) AS collected, toInt64(m.violations) AS violations`;

function baseParams(args: PerformanceArgs): Record<string, unknown> {
  return {
    from: args.from,
    to: args.to,
    tz: args.tz,
    grace: args.graceDays,
    ...args.compliance,
  };
}

/**
 * A page of agents ordered by amount collected (desc), then agent id (SPEC §5),
 * optionally of one team; `total` counts every matching agent.
 */
export function agentPerformanceQuery(
  args: PerformanceArgs & { team: string | null; limit: number; offset: number },
): SqlQuery {
  const teamCondition = args.team === null ? '1' : `ag.registered = 1 AND ag.team = {team:String}`;
  return {
    query: `
      SELECT m.key AS agent_id, if(ag.registered = 1, ag.name, NULL) AS agent_name,
             if(ag.registered = 1, toString(ag.team), NULL) AS team,
             ${MEASURE_COLUMNS}, toInt64(count() OVER ()) AS total
      FROM (${measuresSql('agent')}) AS m
      LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = m.key
      WHERE ${teamCondition}
      ORDER BY collected DESC, agent_id ASC
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    query_params: {
      ...baseParams(args),
      limit: args.limit,
      offset: args.offset,
      ...(args.team === null ? {} : { team: args.team }),
    },
  };
}

/**
 * Agents with an attempt, a promise or an attributed payment in the period
 * (violations are attempts): the cheap way to count a team's active agents.
 */
function activeAgentsSql(): string {
  return `
    SELECT agent_id FROM contact_attempt WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
    UNION DISTINCT
    SELECT agent_id FROM promise_to_pay WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
    UNION DISTINCT
    SELECT agent_id FROM ${ATTRIBUTED_PAYMENTS_SQL} WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}`;
}

/** One row per team (agents without a registration roll up under ''), ordered like agents. */
export function teamPerformanceQuery(args: PerformanceArgs): SqlQuery {
  return {
    query: `
      SELECT m.key AS team, toInt64(a.agents) AS agents, ${MEASURE_COLUMNS}
      FROM (${measuresSql('team')}) AS m
      INNER JOIN (
        SELECT key, uniqExact(agent_id) AS agents FROM (
          SELECT if(ag.registered = 1, toString(ag.team), '') AS key, s.agent_id AS agent_id
          FROM (${activeAgentsSql()}) AS s
          LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = s.agent_id
        ) GROUP BY key
      ) AS a ON a.key = m.key
      ORDER BY collected DESC, team ASC`,
    query_params: baseParams(args),
  };
}

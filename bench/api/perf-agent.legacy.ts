/**
 * SPEC §4 Agent performance over [from, to], per agent or rolled up per team.
 * Each source is aggregated per agent in SQL straight from its table, with no
 * join before the GROUP BY: attempts from contact_attempt (monthly partitions),
 * promises from promise_facts, attributed payments from payment_facts and
 * violations from voice_attempts (derived tables the ETL keeps current, see
 * docs/PERFORMANCE.md). The per-agent rows (one per active agent) are then joined
 * to the agent dimension (latest agent_registered; late agents resolve at query
 * time). "Cases worked" is carried as a uniqExact state, so the team level merges
 * the states of its agents and counts a case once per team even when two of its
 * agents worked it.
 */
import type { SqlQuery } from '../../api/src/query.ts';
import { isRpcSql } from '../../api/src/sql/contact.ts';
import { inPeriodSql } from '../../api/src/sql/period.ts';
import { ATTRIBUTED_PAYMENTS_SQL } from '../../api/src/sql/payments.ts';
import { PROMISES_SQL } from '../../api/src/sql/promises.ts';
import { IS_VIOLATION_SQL } from '../../api/src/sql/compliance.ts';

export interface PerformanceArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly graceDays: number;
  readonly compliance: Record<string, number>;
}

export type PerformanceLevel = 'agent' | 'team';

const AGENTS_SQL = `(
  SELECT agent_id, argMax(name, occurred_at) AS name, argMax(team, occurred_at) AS team, toUInt8(1) AS registered
  FROM agent_registered GROUP BY agent_id
)`;

/**
 * One row per agent with an attempt, a promise or an attributed payment in the
 * period (violations are attempts), every measure summed and the cases worked
 * as a uniqExact(case_id) state.
 */
function perAgentSql(): string {
  const zero = `toUInt64(0)`;
  return `
    SELECT if(a.agent_id = '', o.agent_id, a.agent_id) AS agent_id,
           a.attempts AS attempts, a.rpcs AS rpcs, a.cases AS cases, a.talk_seconds AS talk_seconds,
           o.promises AS promises, o.kept AS kept, o.matured AS matured, o.collected AS collected,
           o.violations AS violations
    FROM (
      SELECT agent_id, count() AS attempts, countIf(${isRpcSql('outcome')}) AS rpcs,
             uniqExactState(case_id) AS cases, sumIf(duration_s, channel = 'call') AS talk_seconds
      FROM contact_attempt
      WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
      GROUP BY agent_id
    ) AS a
    FULL OUTER JOIN (
      SELECT agent_id, sum(promises) AS promises, sum(kept) AS kept, sum(matured) AS matured,
             sum(collected) AS collected, sum(violations) AS violations
      FROM (
        SELECT agent_id, count() AS promises, countIf(status = 'kept') AS kept,
               countIf(status != 'pending') AS matured, toDecimal128(0, 2) AS collected, ${zero} AS violations
        FROM ${PROMISES_SQL}
        WHERE agent_id != '' AND ${inPeriodSql('made_at')}
        GROUP BY agent_id
        UNION ALL
        SELECT agent_id, ${zero}, ${zero}, ${zero}, toDecimal128(sum(amount), 2), ${zero}
        FROM ${ATTRIBUTED_PAYMENTS_SQL}
        WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
        GROUP BY agent_id
        UNION ALL
        SELECT agent_id, ${zero}, ${zero}, ${zero}, toDecimal128(0, 2), countIf(${IS_VIOLATION_SQL})
        FROM voice_attempts
        WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
        GROUP BY agent_id
      )
      GROUP BY agent_id
    ) AS o ON o.agent_id = a.agent_id
    SETTINGS join_use_nulls = 0`;
}

/** One row per key (agent_id or team; agents without a registration roll up under team ''). */
function measuresSql(level: PerformanceLevel): string {
  const key = level === 'agent' ? 'p.agent_id' : "if(ag.registered = 1, toString(ag.team), '')";
  return `
    SELECT ${key} AS key, count() AS agents,
           sum(p.attempts) AS attempts, sum(p.rpcs) AS rpcs, uniqExactMerge(p.cases) AS cases_worked,
           sum(p.talk_seconds) AS talk_seconds, sum(p.promises) AS promises, sum(p.kept) AS kept,
           sum(p.matured) AS matured, sum(p.collected) AS collected, sum(p.violations) AS violations
    FROM (${perAgentSql()}) AS p
    LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = p.agent_id
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

/** One row per team (agents without a registration roll up under ''), ordered like agents. */
export function teamPerformanceQuery(args: PerformanceArgs): SqlQuery {
  return {
    query: `
      SELECT m.key AS team, toInt64(m.agents) AS agents, ${MEASURE_COLUMNS}
      FROM (${measuresSql('team')}) AS m
      ORDER BY collected DESC, team ASC`,
    query_params: baseParams(args),
  };
}

/**
 * docs/metrics/agent-performance.md over [from, to], per agent or rolled up per team.
 * Attempt-side measures read roll-ups the ETL keeps current (docs/metrics/agent-performance.md
 * "Agent performance over long periods"): the period's whole UTC months from
 * agent_month, its other whole UTC days from agent_day, cases worked from
 * agent_case_days, and the partial days at its edges (REPORT_TZ) from
 * agent_day's per-attempt arrays and voice_attempts (whole-days.sql.ts). The
 * COMPLIANCE_* thresholds are applied here to the stored local hours, ordinals
 * of the day and 7-day counts. Promises come from promise_facts and attributed
 * payments from payment_facts, per event. The per-agent rows (one per active
 * agent) are joined to the agent dimension (latest agent_registered; late
 * agents resolve at query time). "Cases worked" is counted per key (agent or
 * team) from the (agent, case) pairs, so a team counts a case once even when
 * two of its agents worked it.
 */
import {
  agentColumnsSql,
  type FilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { ATTRIBUTED_PAYMENTS_SQL } from '../../sql/payments.ts';
import { PROMISES_SQL } from '../../sql/promises.ts';
import { IS_VIOLATION_SQL, isViolationSql } from '../../sql/compliance.ts';
import {
  END_DAY_SQL,
  FIRST_DAY_SQL,
  inEdgeDaysSql,
  inEdgesSql,
  inWholeDaysOutsideMonthsSql,
  inWholeDaysSql,
  inWholeMonthsSql,
} from './whole-days.sql.ts';

export interface PerformanceArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly graceDays: number;
  readonly compliance: Record<string, number>;
  /** Its teams and agents (the agent's latest registration); other fields are refused by the resolver. */
  readonly filter?: PortfolioFilter | null;
}

/** Teams and agents of the filter on an agent id column and the AGENTS_SQL row joined as `ag`. */
function agentFilter(args: PerformanceArgs, agentColumn: string): FilterSql {
  return agentColumnsSql(args.filter, { agent: agentColumn, team: 'toString(ag.team)' });
}

export type PerformanceLevel = 'agent' | 'team';

const AGENTS_SQL = `(
  SELECT agent_id, argMax(name, occurred_at) AS name, argMax(team, occurred_at) AS team, toUInt8(1) AS registered
  FROM agent_registered GROUP BY agent_id
)`;

/** An attempt of an agent_day row (ARRAY JOIN of a_sec as `sec`) falls in the period's edges. */
const EDGE_ATTEMPT_SQL = `${inEdgeDaysSql('day')} AND ${inPeriodSql("addSeconds(toDateTime(day, 'UTC'), sec)")}`;

/**
 * Per agent: attempts, RPCs, talk seconds and violations. Whole UTC months from
 * agent_month (counts and the voice histogram), the other whole UTC days from
 * agent_day's counts and voice arrays, the edges from its per-attempt arrays
 * and from voice_attempts (sorted by time).
 */
function attemptsSql(): string {
  const zero = `toUInt64(0)`;
  const violation = isViolationSql('h', 'd', 'w');
  return `
    SELECT agent_id, sum(attempts) AS attempts, sum(rpcs) AS rpcs, sum(talk_seconds) AS talk_seconds,
           sum(violations) AS violations
    FROM (
      SELECT agent_id, attempts, rpcs, talk_seconds,
             toUInt64(arraySum((h, d, w, n) -> if(${violation}, n, 0), v_hour, v_of_day, v_in_7d, v_n))
               AS violations
      FROM agent_month
      WHERE ${inWholeMonthsSql('month')}
      UNION ALL
      SELECT agent_id, toUInt64(attempts), toUInt64(rpcs), talk_seconds,
             toUInt64(arrayCount((h, d, w) -> ${violation}, v_hour, v_of_day, v_in_7d))
      FROM agent_day
      WHERE ${inWholeDaysOutsideMonthsSql('day')}
      UNION ALL
      SELECT agent_id, count(), countIf(rpc = 1), sum(talk), ${zero}
      FROM agent_day ARRAY JOIN a_sec AS sec, a_rpc AS rpc, a_talk AS talk
      WHERE ${EDGE_ATTEMPT_SQL}
      GROUP BY agent_id
      UNION ALL
      SELECT agent_id, ${zero}, ${zero}, ${zero}, countIf(${IS_VIOLATION_SQL})
      FROM voice_attempts
      WHERE agent_id != '' AND ${inEdgesSql('occurred_at')}
      GROUP BY agent_id
    )
    GROUP BY agent_id`;
}

/**
 * (agent_id, case_id) of every attempt in the period, at least once per pair:
 * whole UTC days from agent_case_days (a row counts when one of its days is
 * inside: its first or last day decides every row but those spanning the
 * whole block, which look at the array), the edges from agent_day's
 * per-attempt arrays.
 */
function workedSql(): string {
  const whole = inWholeDaysSql;
  return `(
    SELECT agent_id, case_id
    FROM agent_case_days
    WHERE last_day >= ${FIRST_DAY_SQL} AND first_day < ${END_DAY_SQL}
      AND (${whole('first_day')} OR ${whole('last_day')} OR arrayExists(d -> ${whole('d')}, days))
    UNION ALL
    SELECT agent_id, case_id
    FROM agent_day ARRAY JOIN a_sec AS sec, a_case AS case_id
    WHERE ${EDGE_ATTEMPT_SQL}
  )`;
}

/**
 * One row per agent with an attempt, a promise or an attributed payment in the
 * period (violations are attempts), every additive measure summed.
 */
function perAgentSql(): string {
  const zero = `toUInt64(0)`;
  return `
    SELECT if(a.agent_id = '', o.agent_id, a.agent_id) AS agent_id,
           a.attempts AS attempts, a.rpcs AS rpcs, a.talk_seconds AS talk_seconds,
           o.promises AS promises, o.kept AS kept, o.matured AS matured, o.collected AS collected,
           a.violations AS violations
    FROM (${attemptsSql()}) AS a
    FULL OUTER JOIN (
      SELECT agent_id, sum(promises) AS promises, sum(kept) AS kept, sum(matured) AS matured,
             sum(collected) AS collected
      FROM (
        SELECT agent_id, count() AS promises, countIf(status = 'kept') AS kept,
               countIf(status != 'pending') AS matured, toDecimal128(0, 2) AS collected
        FROM ${PROMISES_SQL}
        WHERE agent_id != '' AND ${inPeriodSql('made_at')}
        GROUP BY agent_id
        UNION ALL
        SELECT agent_id, ${zero}, ${zero}, ${zero}, toDecimal128(sum(amount), 2)
        FROM ${ATTRIBUTED_PAYMENTS_SQL}
        WHERE agent_id != '' AND ${inPeriodSql('occurred_at')}
        GROUP BY agent_id
      )
      GROUP BY agent_id
    ) AS o ON o.agent_id = a.agent_id
    SETTINGS join_use_nulls = 0`;
}

/**
 * One row per key (agent_id or team; agents without a registration roll up
 * under team ''). Cases worked are counted per key from the (agent, case) pairs,
 * so a team counts a case once even when two of its agents worked it.
 */
function measuresSql(level: PerformanceLevel, args: PerformanceArgs): string {
  const teamKey = "if(ag.registered = 1, toString(ag.team), '')";
  const key = level === 'agent' ? 'p.agent_id' : teamKey;
  // the filter keeps the agents it names (per agent, so a team's cases worked count only theirs)
  const cases =
    level === 'agent'
      ? `SELECT agent_id AS key, uniqExact(case_id) AS cases_worked FROM ${workedSql()} GROUP BY key`
      : `SELECT ${teamKey} AS key, uniqExact(w.case_id) AS cases_worked
         FROM ${workedSql()} AS w LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = w.agent_id
         WHERE ${agentFilter(args, 'w.agent_id').condition}
         GROUP BY key`;
  return `
    SELECT m.*, c.cases_worked AS cases_worked
    FROM (
      SELECT ${key} AS key, count() AS agents,
             sum(p.attempts) AS attempts, sum(p.rpcs) AS rpcs,
             sum(p.talk_seconds) AS talk_seconds, sum(p.promises) AS promises, sum(p.kept) AS kept,
             sum(p.matured) AS matured, sum(p.collected) AS collected, sum(p.violations) AS violations
      FROM (${perAgentSql()}) AS p
      LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = p.agent_id
      WHERE ${agentFilter(args, 'p.agent_id').condition}
      GROUP BY key
    ) AS m
    LEFT JOIN (${cases}) AS c ON c.key = m.key
    SETTINGS join_use_nulls = 0`;
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
    ...agentFilter(args, 'agent_id').params,
  };
}

/**
 * A page of agents ordered by amount collected (desc), then agent id (docs/metrics/agent-performance.md),
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
      FROM (${measuresSql('agent', args)}) AS m
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
      FROM (${measuresSql('team', args)}) AS m
      ORDER BY collected DESC, team ASC`,
    query_params: baseParams(args),
  };
}

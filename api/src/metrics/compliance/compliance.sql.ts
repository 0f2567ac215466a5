/**
 * Compliance report queries (docs/metrics/compliance.md) over the shared rule fragment
 * COMPLIANCE_ATTEMPTS_SQL: per-agent counts and a page of offending attempts in
 * [from, to]. The agent's team comes from the latest agent_registered; automated
 * voice attempts (ivr without agent) are grouped under agent '' and team ''.
 */
import { agentColumnsSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { AGENTS_SQL } from '../../sql/agents.ts';
import {
  COMPLIANCE_ATTEMPTS_SQL,
  complianceParams,
  type ComplianceEnv,
} from '../../sql/compliance.ts';

export interface ComplianceArgs {
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly team?: string | null;
  readonly agentId?: string | null;
  /** Its teams, agents and channels (the resolver refuses the other fields). */
  readonly filter?: PortfolioFilter | null;
  readonly env: ComplianceEnv;
}

function base(args: ComplianceArgs): {
  source: string;
  where: string[];
  params: Record<string, unknown>;
} {
  const where = ['in_period'];
  const params: Record<string, unknown> = {
    from: args.from,
    to: args.to,
    tz: args.tz,
    ...complianceParams(args.env),
  };
  if (args.team != null) {
    where.push('team = {team:String}');
    params.team = args.team;
  }
  if (args.agentId != null) {
    where.push('agent_id = {agent:String}');
    params.agent = args.agentId;
  }
  const filter = agentColumnsSql(args.filter, {
    agent: 'agent_id',
    team: 'team',
    channel: 'channel',
  });
  if (filter.condition !== '1') {
    where.push(filter.condition);
    Object.assign(params, filter.params);
  }
  const source = `(
    SELECT c.*, ag.name AS agent_name, ag.team AS team
    FROM ${COMPLIANCE_ATTEMPTS_SQL} AS c
    LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = c.agent_id
  )`;
  return { source, where, params };
}

export interface ComplianceAgentRow {
  agent_id: string;
  agent_name: string;
  team: string;
  voice_attempts: number;
  violations: number;
  off_hours: number;
  over_daily: number;
  over_weekly: number;
}

/** One row per agent with a voice attempt in the period (violations first). */
export function complianceAgentsQuery(args: ComplianceArgs): SqlQuery {
  const { source, where, params } = base(args);
  return {
    query: `SELECT agent_id, any(agent_name) AS agent_name, any(team) AS team,
                   toInt64(count()) AS voice_attempts, toInt64(countIf(is_violation)) AS violations,
                   toInt64(countIf(off_hours)) AS off_hours, toInt64(countIf(over_daily)) AS over_daily,
                   toInt64(countIf(over_weekly)) AS over_weekly
            FROM (SELECT * FROM ${source} WHERE ${where.join(' AND ')})
            GROUP BY agent_id
            ORDER BY violations DESC, agent_id`,
    query_params: params,
  };
}

export interface ComplianceAttemptRow {
  event_id: string;
  case_id: string;
  agent_id: string;
  team: string;
  channel: string;
  outcome: string;
  occurred_at: string;
  local_time: string;
  utc_offset_minutes: number;
  attempt_of_day: number;
  attempts_in_7d: number;
  off_hours: number;
  over_daily: number;
  over_weekly: number;
}

/** A page of offending attempts in time order (then event_id). */
export function complianceAttemptsQuery(
  args: ComplianceArgs,
  limit: number,
  offset: number,
): SqlQuery {
  const { source, where, params } = base(args);
  return {
    query: `SELECT event_id, case_id, agent_id, team, channel, outcome, occurred_at,
                   formatDateTime(local_at, '%Y-%m-%d %H:%i:%S') AS local_time,
                   utc_offset_minutes, attempt_of_day, attempts_in_7d,
                   off_hours, over_daily, over_weekly
            FROM ${source}
            WHERE ${[...where, 'is_violation'].join(' AND ')}
            ORDER BY occurred_at, event_id
            LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    query_params: { ...params, limit, offset },
  };
}

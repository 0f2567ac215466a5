/** Pure mapping of compliance rows: agent rows to GraphQL, and their roll-up per team and overall. */
import { rulesOf } from '../../sql/compliance.ts';
import type { ComplianceAgentRow, ComplianceAttemptRow } from './compliance.sql.ts';
import type {
  ComplianceAgent,
  ComplianceCounts,
  ComplianceTeam,
  ComplianceViolation,
} from './compliance.types.ts';

type Counts = Omit<ComplianceCounts, 'violationRate'>;

function withRate<T extends Counts>(c: T): T & { violationRate: number } {
  return { ...c, violationRate: c.voiceAttempts === 0 ? 0 : c.violations / c.voiceAttempts };
}

function sum(rows: readonly Counts[]): Counts {
  const total: Counts = {
    voiceAttempts: 0,
    violations: 0,
    outsideHours: 0,
    overDailyLimit: 0,
    overWeeklyLimit: 0,
  };
  for (const r of rows) {
    total.voiceAttempts += r.voiceAttempts;
    total.violations += r.violations;
    total.outsideHours += r.outsideHours;
    total.overDailyLimit += r.overDailyLimit;
    total.overWeeklyLimit += r.overWeeklyLimit;
  }
  return total;
}

export function toAgent(row: ComplianceAgentRow): ComplianceAgent {
  return withRate({
    agentId: row.agent_id,
    agentName: row.agent_name === '' ? null : row.agent_name,
    team: row.team,
    voiceAttempts: Number(row.voice_attempts),
    violations: Number(row.violations),
    outsideHours: Number(row.off_hours),
    overDailyLimit: Number(row.over_daily),
    overWeeklyLimit: Number(row.over_weekly),
  });
}

/** Teams ordered by violations descending, then name. */
export function rollUpTeams(agents: readonly ComplianceAgent[]): ComplianceTeam[] {
  const byTeam = new Map<string, ComplianceAgent[]>();
  for (const a of agents) byTeam.set(a.team, [...(byTeam.get(a.team) ?? []), a]);
  return [...byTeam]
    .map(([team, rows]) => withRate({ team, ...sum(rows) }))
    .sort(
      (a, b) => b.violations - a.violations || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0),
    );
}

export function totals(agents: readonly ComplianceAgent[]): ComplianceCounts {
  return withRate(sum(agents));
}

export function toViolation(row: ComplianceAttemptRow): ComplianceViolation {
  return {
    eventId: row.event_id,
    caseId: row.case_id,
    agentId: row.agent_id,
    team: row.team,
    channel: row.channel,
    outcome: row.outcome,
    occurredAt: row.occurred_at,
    localTime: row.local_time,
    utcOffsetMinutes: Number(row.utc_offset_minutes),
    attemptOfDay: Number(row.attempt_of_day),
    attemptsIn7Days: Number(row.attempts_in_7d),
    rules: rulesOf(row),
  };
}

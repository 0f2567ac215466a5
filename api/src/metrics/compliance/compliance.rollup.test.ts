/** compliance.rollup.ts without a database: per-agent rows to teams and totals, by hand. */
import { describe, expect, it } from 'vitest';
import { rollUpTeams, toAgent, totals } from './compliance.rollup.ts';
import type { ComplianceAgentRow } from './compliance.sql.ts';

const agent = (
  agent_id: string,
  team: string,
  voice_attempts: number,
  off_hours: number,
  over_daily: number,
  over_weekly: number,
  violations: number,
): ComplianceAgentRow => ({
  agent_id,
  agent_name: agent_id === 'a3' ? '' : `Agent ${agent_id}`,
  team,
  voice_attempts,
  violations,
  off_hours,
  over_daily,
  over_weekly,
});

// An attempt may break two rules at once, so violations ≤ the sum of the rule counts.
const AGENTS = [
  agent('a1', 'north', 10, 1, 1, 0, 2),
  agent('a2', 'north', 30, 0, 2, 1, 2),
  agent('a3', 'south', 20, 4, 0, 0, 4),
  agent('a4', 'east', 0, 0, 0, 0, 0),
].map(toAgent);

describe('compliance roll-up', () => {
  it('maps an agent row, an empty name to null, the rate over voice attempts', () => {
    expect(AGENTS[0]).toEqual({
      agentId: 'a1',
      agentName: 'Agent a1',
      team: 'north',
      voiceAttempts: 10,
      violations: 2,
      outsideHours: 1,
      overDailyLimit: 1,
      overWeeklyLimit: 0,
      violationRate: 2 / 10,
    });
    expect(AGENTS[2]!.agentName).toBeNull();
    // No voice attempts: rate 0, not NaN (zero denominator).
    expect(AGENTS[3]!.violationRate).toBe(0);
  });

  it('sums each team and orders by violations, ties by name', () => {
    // north: 10 + 30 = 40 attempts, 2 + 2 = 4 violations (0.1); south: 20, 4 (0.2); east: 0, 0.
    // north and south tie on 4 violations: name order.
    expect(rollUpTeams(AGENTS)).toEqual([
      {
        team: 'north',
        voiceAttempts: 40,
        violations: 4,
        outsideHours: 1,
        overDailyLimit: 3,
        overWeeklyLimit: 1,
        violationRate: 4 / 40,
      },
      {
        team: 'south',
        voiceAttempts: 20,
        violations: 4,
        outsideHours: 4,
        overDailyLimit: 0,
        overWeeklyLimit: 0,
        violationRate: 4 / 20,
      },
      {
        team: 'east',
        voiceAttempts: 0,
        violations: 0,
        outsideHours: 0,
        overDailyLimit: 0,
        overWeeklyLimit: 0,
        violationRate: 0,
      },
    ]);
  });

  it('totals every agent: 60 attempts, 8 violations', () => {
    expect(totals(AGENTS)).toEqual({
      voiceAttempts: 60,
      violations: 8,
      outsideHours: 5,
      overDailyLimit: 3,
      overWeeklyLimit: 1,
      violationRate: 8 / 60,
    });
    expect(totals([])).toMatchObject({ voiceAttempts: 0, violationRate: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { rpcVsKept, teamRollup, type AgentRowLike } from './leaderboard.ts';

const base = { rpcRate: 0, casesWorked: 0, violations: 0, keptRate: null };
const rows: AgentRowLike[] = [
  {
    ...base,
    agentId: 'a1',
    team: 'North',
    attempts: 100,
    rpcs: 20,
    promises: 10,
    amountCollected: 1000.1,
    talkSeconds: 3600,
    casesWorked: 30,
    rpcRate: 0.2,
    keptRate: 0.5,
  },
  {
    ...base,
    agentId: 'a2',
    team: 'North',
    attempts: 50,
    rpcs: 30,
    promises: 5,
    amountCollected: 499.9,
    talkSeconds: 1800,
    casesWorked: 10,
    violations: 2,
    rpcRate: 0.6,
  },
  {
    ...base,
    agentId: 'a3',
    team: null,
    attempts: 0,
    rpcs: 0,
    promises: 0,
    amountCollected: 10,
    talkSeconds: 0,
  },
];

describe('teamRollup', () => {
  it('sums per team and derives ratios from the sums', () => {
    const [north, none] = teamRollup(rows);
    // North: attempts 150, rpcs 50 → rpc rate 50/150 = 1/3; promises 15 → 15/50 = 0.3
    // collected 1000.10 + 499.90 = 1500.00 over 5400 s = 1.5 h → 1000.00 per hour
    expect(north).toMatchObject({
      team: 'North',
      agents: 2,
      attempts: 150,
      rpcs: 50,
      promises: 15,
      amountCollected: 1500,
      casesWorked: 40,
      talkSeconds: 5400,
      collectedPerTalkHour: 1000,
      violations: 2,
    });
    expect(north!.rpcRate).toBeCloseTo(1 / 3, 10);
    expect(north!.promiseRate).toBeCloseTo(0.3, 10);
    // no team groups as '' with zero denominators → 0 and null (no talk time)
    expect(none).toMatchObject({
      team: '',
      rpcRate: 0,
      promiseRate: 0,
      collectedPerTalkHour: null,
    });
  });
});

describe('rpcVsKept', () => {
  it('plots agents with a kept rate and counts the rest', () => {
    const { points, withoutKept } = rpcVsKept(rows);
    expect(points).toEqual([
      { agentId: 'a1', name: 'a1', team: 'North', rpcRate: 0.2, keptRate: 0.5, attempts: 100 },
    ]);
    expect(withoutKept).toBe(2);
  });
});

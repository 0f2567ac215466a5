import { describe, expect, it } from 'vitest';
import { rpcVsKept, type AgentRowLike } from './leaderboard.ts';

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

describe('rpcVsKept', () => {
  it('plots agents with a kept rate and counts the rest', () => {
    const { points, withoutKept } = rpcVsKept(rows);
    expect(points).toEqual([
      { agentId: 'a1', name: 'a1', team: 'North', rpcRate: 0.2, keptRate: 0.5, attempts: 100 },
    ]);
    expect(withoutKept).toBe(2);
  });
});

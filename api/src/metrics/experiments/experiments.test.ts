/**
 * experiments: every experiment of the loaded cases, latest first. REPORT_TZ UTC.
 *
 * exp1: K1, K2 arm "a" (tagged champion) opened 2026-01-05 and 01-20; K3 arm "b"
 *   (challenger) opened 01-10 → 3 cases, 01-05 … 01-20, champion a.
 * exp2: K4 arm "c" (untagged) opened 2026-03-01 → 1 case, no champion.
 * A case without experiment (K5) belongs to none.
 * exp2's last opening (03-01) is later than exp1's (01-20): exp2 first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const kase = (
  case_id: string,
  day: string,
  experiment: string,
  strategy: string,
  arm_role: string,
) => ({
  event_id: `e${++n}`,
  occurred_at: `${day} 08:00:00`,
  case_id,
  account_id: `A-${case_id}`,
  strategy,
  experiment,
  arm_role,
  entry_dpd: 10,
  entry_balance: '100',
});

beforeAll(async () => {
  api = await createTestApi();
  await api.insert('case_opened', [
    kase('K1', '2026-01-05', 'exp1', 'a', 'champion'),
    kase('K2', '2026-01-20', 'exp1', 'a', 'champion'),
    kase('K3', '2026-01-10', 'exp1', 'b', 'challenger'),
    kase('K4', '2026-03-01', 'exp2', 'c', ''),
    kase('K5', '2026-03-02', '', 'd', ''),
  ]);
  await api.insert('case_closed', [
    { event_id: 'x1', occurred_at: '2026-01-08 00:00:00', case_id: 'K1', outcome: 'cured' },
  ]);
});
afterAll(() => api.dispose());

type Experiment = {
  name: string;
  firstDay: string;
  lastDay: string;
  cases: number;
  champion: string | null;
  arms: { strategy: string; cases: number; champion: boolean }[];
  verdict: string;
};

describe('experiments', () => {
  it('lists each experiment with arms, champion, dates and cases, latest first', async () => {
    const { experiments } = await api.data<{ experiments: Experiment[] }>(
      '{ experiments { name firstDay lastDay cases champion arms { strategy cases champion } verdict } }',
    );
    expect(experiments.map(({ verdict: _, ...e }) => e)).toEqual([
      {
        name: 'exp2',
        firstDay: '2026-03-01',
        lastDay: '2026-03-01',
        cases: 1,
        champion: null,
        arms: [{ strategy: 'c', cases: 1, champion: false }],
      },
      {
        name: 'exp1',
        firstDay: '2026-01-05',
        lastDay: '2026-01-20',
        cases: 3,
        champion: 'a',
        arms: [
          { strategy: 'a', cases: 2, champion: true },
          { strategy: 'b', cases: 1, champion: false },
        ],
      },
    ]);
  });

  it('gives the verdict strategyComparison gives over the experiment’s span', async () => {
    const { experiments } = await api.data<{ experiments: Experiment[] }>(
      '{ experiments { name verdict } }',
    );
    const { strategyComparison } = await api.data<{ strategyComparison: { verdict: string } }>(
      '{ strategyComparison(experiment: "exp1", from: "2026-01-05", to: "2026-01-20") { verdict } }',
    );
    expect(experiments.find((e) => e.name === 'exp1')?.verdict).toBe(strategyComparison.verdict);
    expect(strategyComparison.verdict.length).toBeGreaterThan(0);
  });
});

/**
 * Golden test of legalPipeline (docs/metrics/legal-pipeline.md). REPORT_TZ UTC; period
 * 2026-01-01 … 2026-03-31 by the first legal action.
 *
 * | case | opened        | actions (cost)                                                        | stage         | cost | recovered (≥ first action)          | days to first |
 * |------|---------------|-----------------------------------------------------------------------|---------------|------|--------------------------------------|---------------|
 * | L1   | 12-01 00:00   | demand_letter 01-01 00:00 (10), filed 01-20 (200), judgment 02-15 (50) | judgment      | 260  | 50 at 01-01 00:00 + 500 = 550 (12-20 100 before) | 31 |
 * | L2   | 12-15 12:00   | demand_letter 01-10 12:00 (10)                                          | demand_letter | 10   | 0                                    | 26            |
 * | L3   | 11-01 00:00   | demand_letter 02-01 (10), filed 02-10 (300), withdrawn 03-01 (0)       | withdrawn     | 310  | 1000                                 | 92            |
 * | L4   | (no case_opened) | enforcement 03-10 (40)                                              | enforcement   | 40   | 20                                   | unknown       |
 * | L6   | 01-01 00:00   | demand_letter 01-02 12:00 (5), filed 01-05, withdrawn 01-06, filed 02-01 (100) | filed   | 105  | 0                                    | 1.5           |
 * | L5   | demand_letter 2025-12-31 (first action before the period: excluded)                                                                                  |
 *
 * Total: 5 cases, cost 725, recovered 1570, days known 1.5, 26, 31, 92 → mean 150.5 / 4 = 37.625,
 * median (26 + 31) / 2 = 28.5, recovered / cost = 1570 / 725.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const ev = (occurred_at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at,
  ...fields,
});
const act = (at: string, case_id: string, action: string, cost = '0') =>
  ev(at, { case_id, action, cost });
const pay = (at: string, case_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id: `A-${case_id}`, case_id, amount });

beforeAll(async () => {
  api = await createTestApi();
  await api.insert(
    'case_opened',
    [
      ['L1', '2025-12-01 00:00:00'],
      ['L2', '2025-12-15 12:00:00'],
      ['L3', '2025-11-01 00:00:00'],
      ['L5', '2025-11-01 00:00:00'],
      ['L6', '2026-01-01 00:00:00'],
    ].map(([case_id, at]) =>
      ev(at as string, {
        case_id,
        account_id: `A-${case_id}`,
        strategy: 's',
        entry_dpd: 120,
        entry_balance: '5000',
      }),
    ),
  );
  await api.insert('legal_action', [
    act('2026-01-01 00:00:00', 'L1', 'demand_letter', '10'),
    act('2026-01-20 00:00:00', 'L1', 'filed', '200'),
    act('2026-02-15 00:00:00', 'L1', 'judgment', '50'),
    act('2026-01-10 12:00:00', 'L2', 'demand_letter', '10'),
    act('2026-02-01 00:00:00', 'L3', 'demand_letter', '10'),
    act('2026-02-10 00:00:00', 'L3', 'filed', '300'),
    act('2026-03-01 00:00:00', 'L3', 'withdrawn'),
    act('2026-03-10 00:00:00', 'L4', 'enforcement', '40'),
    act('2025-12-31 00:00:00', 'L5', 'demand_letter', '10'),
    act('2026-01-02 12:00:00', 'L6', 'demand_letter', '5'),
    act('2026-01-05 00:00:00', 'L6', 'filed'),
    act('2026-01-06 00:00:00', 'L6', 'withdrawn'),
    act('2026-02-01 00:00:00', 'L6', 'filed', '100'),
  ]);
  await api.insert('payment', [
    pay('2025-12-20 00:00:00', 'L1', '100'),
    pay('2026-01-01 00:00:00', 'L1', '50'),
    pay('2026-03-01 00:00:00', 'L1', '500'),
    pay('2026-02-20 00:00:00', 'L3', '1000'),
    pay('2026-03-11 00:00:00', 'L4', '20'),
    pay('2026-01-15 00:00:00', 'L5', '70'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!) {
  legalPipeline(from: $from, to: $to) {
    stages { stage cases legalCost recovered meanDaysToFirstAction medianDaysToFirstAction recoveredPerCost }
    total { stage cases legalCost recovered meanDaysToFirstAction medianDaysToFirstAction recoveredPerCost }
  }
}`;
const stage = (
  name: string | null,
  cases: number,
  legalCost: number,
  recovered: number,
  days: number | null,
  median: number | null = days,
) => ({
  stage: name,
  cases,
  legalCost,
  recovered,
  meanDaysToFirstAction: days,
  medianDaysToFirstAction: median,
  recoveredPerCost: legalCost === 0 ? null : recovered / legalCost,
});

describe('legalPipeline', () => {
  it('groups cases by stage reached with cost, recovery and days to first action', async () => {
    expect(await api.data(QUERY, { from: '2026-01-01', to: '2026-03-31' })).toEqual({
      legalPipeline: {
        stages: [
          stage('demand_letter', 1, 10, 0, 26),
          stage('filed', 1, 105, 0, 1.5),
          stage('judgment', 1, 260, 550, 31),
          stage('enforcement', 1, 40, 20, null),
          stage('withdrawn', 1, 310, 1000, 92),
        ],
        total: stage(null, 5, 725, 1570, 37.625, 28.5),
      },
    });
  });

  it('lists every stage, empty ones with zeros and nulls, when nothing falls in the period', async () => {
    const data = await api.data<{ legalPipeline: { stages: unknown[]; total: unknown } }>(QUERY, {
      from: '2027-01-01',
      to: '2027-01-31',
    });
    expect(data.legalPipeline.stages).toHaveLength(5);
    expect(data.legalPipeline.total).toEqual(stage(null, 0, 0, 0, null));
  });

  it('gives costToCollect = legalCost / recovered, the inverse of the deprecated recoveredPerCost (docs/api.md "Naming")', async () => {
    const data = await api.data<{
      legalPipeline: {
        stages: { stage: string; costToCollect: number | null; recoveredPerCost: number | null }[];
        total: { costToCollect: number | null; recoveredPerCost: number | null };
      };
    }>(
      `query ($from: String!, $to: String!) { legalPipeline(from: $from, to: $to) {
        stages { stage costToCollect recoveredPerCost } total { costToCollect recoveredPerCost } } }`,
      { from: '2026-01-01', to: '2026-03-31' },
    );
    // judgment 260 / 550; demand_letter recovered nothing: null (its recoveredPerCost is 0 / 10 = 0)
    expect(data.legalPipeline.stages.slice(0, 3)).toEqual([
      { stage: 'demand_letter', costToCollect: null, recoveredPerCost: 0 },
      { stage: 'filed', costToCollect: null, recoveredPerCost: 0 },
      { stage: 'judgment', costToCollect: 260 / 550, recoveredPerCost: 550 / 260 },
    ]);
    // total: 725 / 1570, and 1570 / 725
    expect(data.legalPipeline.total).toEqual({
      costToCollect: 725 / 1570,
      recoveredPerCost: 1570 / 725,
    });
  });

  it('rejects a bad period with BAD_USER_INPUT', async () => {
    const result = await api.run(QUERY, { from: '2026-01-01', to: '2026-1-31' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('to must be a calendar date');
  });
});

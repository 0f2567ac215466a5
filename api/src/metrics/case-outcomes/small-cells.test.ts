/**
 * Small cells for the viewer role (SMALL_CELL_MIN_CASES, default 5): groups of
 * fewer cases are merged into one last group keyed "*". REPORT_TZ UTC; every
 * case opens 2026-03-01 00:00 with entry balance 100 and closes in March:
 *   strategy s1: B1…B5 (5 cases) cured, closed 03-11 (10 days);
 *   strategy s2: C1, C2 paid_in_full, closed 03-03 and 03-05 (2 and 4 days);
 *   strategy s3: D1 charged_off, closed 03-21 (20 days).
 * Viewer by strategy: s1 (5 cases) and "*" = s2 + s3 (3 cases from 2 groups):
 *   outcomes paid_in_full 2, charged_off 1; days 2, 4, 20 → mean 26 / 3, median 4.
 * Analyst: s1, s2, s3 as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
const at = (day: string) => `2026-03-${day} 00:00:00`;
const cases: [string, string, string, string][] = [
  ...['B1', 'B2', 'B3', 'B4', 'B5'].map(
    (id) => [id, 's1', 'cured', '11'] as [string, string, string, string],
  ),
  ['C1', 's2', 'paid_in_full', '03'],
  ['C2', 's2', 'paid_in_full', '05'],
  ['D1', 's3', 'charged_off', '21'],
];

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert(
    'case_opened',
    cases.map(([id, strategy]) => ({
      event_id: `o-${id}`,
      occurred_at: at('01'),
      case_id: id,
      account_id: `AC-${id}`,
      strategy,
      entry_dpd: 10,
      entry_balance: '100',
    })),
  );
  await api.insert(
    'case_closed',
    cases.map(([id, , outcome, day]) => ({
      event_id: `c-${id}`,
      occurred_at: at(day),
      case_id: id,
      outcome,
    })),
  );
});
afterAll(() => api.dispose());

const QUERY = `query ($groupBy: [String!]) {
  caseOutcomes(from: "2026-03-01", to: "2026-03-31", groupBy: $groupBy) {
    key cases suppressedGroups meanDaysToClose medianDaysToClose outcomes { outcome cases }
  }
}`;
type Group = { key: string[]; cases: number; suppressedGroups: number; outcomes: unknown[] };

describe('caseOutcomes small cells', () => {
  it('merges a viewer’s groups under 5 cases into one "*" group, saying how many', async () => {
    const { caseOutcomes } = await api.data<{ caseOutcomes: Group[] }>(
      QUERY,
      { groupBy: ['strategy'] },
      'viewer',
    );
    expect(caseOutcomes).toEqual([
      {
        key: ['s1'],
        cases: 5,
        suppressedGroups: 0,
        meanDaysToClose: 10,
        medianDaysToClose: 10,
        outcomes: [{ outcome: 'cured', cases: 5 }],
      },
      {
        key: ['*'],
        cases: 3,
        suppressedGroups: 2,
        meanDaysToClose: 26 / 3,
        medianDaysToClose: 4,
        outcomes: [
          { outcome: 'paid_in_full', cases: 2 },
          { outcome: 'charged_off', cases: 1 },
        ],
      },
    ]);
  });

  it('merges every group of several dimensions that is under 5 cases', async () => {
    const { caseOutcomes } = await api.data<{ caseOutcomes: Group[] }>(
      QUERY,
      { groupBy: ['strategy', 'segment', 'entry_bucket'] },
      'viewer',
    );
    expect(caseOutcomes.map((g) => [g.key, g.cases, g.suppressedGroups])).toEqual([
      [['s1', '', 'M1'], 5, 0],
      [['*', '*', '*'], 3, 2],
    ]);
  });

  it('leaves the analyst’s groups as they are', async () => {
    const { caseOutcomes } = await api.data<{ caseOutcomes: Group[] }>(
      QUERY,
      { groupBy: ['strategy'] },
      'analyst',
    );
    expect(caseOutcomes.map((g) => [g.key, g.cases, g.suppressedGroups])).toEqual([
      [['s1'], 5, 0],
      [['s2'], 2, 0],
      [['s3'], 1, 0],
    ]);
  });
});

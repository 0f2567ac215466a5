/**
 * Golden test of repaymentPlans (docs/metrics/repayment-plans.md). REPORT_TZ UTC; as-of
 * 2026-04-15 12:00 (latest event) → as-of date 2026-04-15. Period 2026-01-01 … 2026-03-31.
 *
 * | plan | case (strategy) | kind        | created | n | total  | due dates ≤ 04-15                 | due    | paid since created           | on track | case close     |
 * |------|-----------------|-------------|---------|---|--------|-----------------------------------|--------|------------------------------|----------|----------------|
 * | PL1  | K1 (s1)         | installment | 01-20   | 3 | 300    | 02-01, 03-01, 04-01 → 3           | 300    | 100+100+100 (01-10 50 before) | yes      | plan_completed |
 * | PL2  | K2 (s1)         | installment | 03-15   | 4 | 100    | 03-31 (next 04-30) → 1            | 25     | 20                           | no       | open           |
 * | PL3  | K3 (s2)         | settlement  | 02-10   | 1 | 500    | 05-01 → 0                         | 0      | 0                            | yes      | charged_off    |
 * | PL4  | K4 (s3)         | hardship    | 02-01   | 3 | 100    | 02-15, 03-15, 04-15 → 3           | 100    | 33.33+33.33+33.34 = 100      | yes      | plan_completed |
 * | PL6  | K9 (no case_opened) | installment | 03-10 | 2 | 10.50 | 03-01, 04-01 → 2                 | 10.50  | 0                            | no       | —              |
 * | PL5  | K5              | installment | 2025-12-31 (before the period: excluded)                                                                          |
 *
 * By kind: hardship 1 plan, 100, paid 100, due 100, on track 1/1, closed 1, completed 1 → 1.
 *   installment: PL1+PL2+PL6 = 3 plans, 410.50, paid 320, due 335.50, on track 1/3, closed 1, completed 1 → 1.
 *   settlement: 1 plan, 500, paid 0, due 0, on track 1/1, closed 1, completed 0 → 0.
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
const plan = (
  created: string,
  plan_id: string,
  case_id: string,
  kind: string,
  installments: number,
  total_amount: string,
  first_due_on: string,
) =>
  ev(`${created} 09:00:00`, { plan_id, case_id, kind, installments, total_amount, first_due_on });
const pay = (at: string, case_id: string, amount: string) =>
  ev(`${at} 10:00:00`, { payment_id: `Y${n}`, account_id: `A-${case_id}`, case_id, amount });

beforeAll(async () => {
  api = await createTestApi();
  await api.insert(
    'case_opened',
    [
      ['K1', 's1'],
      ['K2', 's1'],
      ['K3', 's2'],
      ['K4', 's3'],
      ['K5', 's1'],
    ].map(([case_id, strategy]) =>
      ev('2026-01-01 00:00:00', {
        case_id,
        account_id: `A-${case_id}`,
        strategy,
        entry_dpd: 45,
        entry_balance: '1000',
      }),
    ),
  );
  await api.insert('payment_plan', [
    plan('2026-01-20', 'PL1', 'K1', 'installment', 3, '300', '2026-02-01'),
    plan('2026-03-15', 'PL2', 'K2', 'installment', 4, '100', '2026-03-31'),
    plan('2026-02-10', 'PL3', 'K3', 'settlement', 1, '500', '2026-05-01'),
    plan('2026-02-01', 'PL4', 'K4', 'hardship', 3, '100', '2026-02-15'),
    plan('2026-03-10', 'PL6', 'K9', 'installment', 2, '10.50', '2026-03-01'),
    plan('2025-12-31', 'PL5', 'K5', 'installment', 2, '80', '2026-01-15'),
  ]);
  await api.insert('payment', [
    pay('2026-01-10', 'K1', '50'),
    pay('2026-02-01', 'K1', '100'),
    pay('2026-03-01', 'K1', '100'),
    pay('2026-04-01', 'K1', '100'),
    pay('2026-04-05', 'K2', '20'),
    pay('2026-02-15', 'K4', '33.33'),
    pay('2026-03-15', 'K4', '33.33'),
    pay('2026-04-14', 'K4', '33.34'),
    pay('2026-01-15', 'K5', '80'),
  ]);
  await api.insert('case_closed', [
    ev('2026-04-02 00:00:00', { case_id: 'K1', outcome: 'plan_completed' }),
    ev('2026-03-01 00:00:00', { case_id: 'K3', outcome: 'charged_off' }),
    ev('2026-04-14 12:00:00', { case_id: 'K4', outcome: 'plan_completed' }),
  ]);
  await api.insert('contact_attempt', [
    ev('2026-04-15 12:00:00', { case_id: 'K2', channel: 'sms', outcome: 'delivered' }),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($groupBy: [String!]) {
  repaymentPlans(from: "2026-01-01", to: "2026-03-31", groupBy: $groupBy) {
    key plans totalAmount paid dueSoFar onTrack onTrackRate closedPlans completed completionRate
  }
}`;
const group = (
  key: string[],
  plans: number,
  totalAmount: number,
  paid: number,
  dueSoFar: number,
  onTrack: number,
  closedPlans: number,
  completed: number,
) => ({
  key,
  plans,
  totalAmount,
  paid,
  dueSoFar,
  onTrack,
  onTrackRate: onTrack / plans,
  closedPlans,
  completed,
  completionRate: closedPlans === 0 ? null : completed / closedPlans,
});

describe('repaymentPlans', () => {
  it('by kind (the default): paid since creation, due so far, on track, completion', async () => {
    expect(await api.data(QUERY)).toEqual({
      repaymentPlans: [
        group(['hardship'], 1, 100, 100, 100, 1, 1, 1),
        group(['installment'], 3, 410.5, 320, 335.5, 1, 1, 1),
        group(['settlement'], 1, 500, 0, 0, 1, 1, 0),
      ],
    });
  });

  it('by case dimensions: a plan without a case_opened groups as ""', async () => {
    const data = await api.data(QUERY, { groupBy: ['strategy', 'kind', 'entry_bucket'] });
    expect(data).toEqual({
      repaymentPlans: [
        // PL6 on K9: due 10.50, paid 0, case unknown (not closed → completion null).
        group(['', 'installment', ''], 1, 10.5, 0, 10.5, 0, 0, 0),
        // PL1 + PL2: 400, paid 320, due 325, on track 1 of 2; entry_dpd 45 → M2.
        group(['s1', 'installment', 'M2'], 2, 400, 320, 325, 1, 1, 1),
        group(['s2', 'settlement', 'M2'], 1, 500, 0, 0, 1, 1, 0),
        group(['s3', 'hardship', 'M2'], 1, 100, 100, 100, 1, 1, 1),
      ],
    });
    // No dimension: one group over all five plans.
    expect(await api.data(QUERY, { groupBy: [] })).toEqual({
      repaymentPlans: [group([], 5, 1010.5, 420, 435.5, 3, 3, 2)],
    });
  });

  it('takes explore’s Dimension enum as dimensions (PLAN_KIND for kind), the same groups as groupBy', async () => {
    const byEnum = await api.data<{ repaymentPlans: unknown[] }>(
      `{ repaymentPlans(from: "2026-01-01", to: "2026-03-31", dimensions: [STRATEGY, PLAN_KIND, ENTRY_BUCKET]) {
        key plans totalAmount paid dueSoFar onTrack onTrackRate closedPlans completed completionRate } }`,
    );
    // as by groupBy [strategy, kind, entry_bucket] above
    expect(byEnum.repaymentPlans).toEqual([
      group(['', 'installment', ''], 1, 10.5, 0, 10.5, 0, 0, 0),
      group(['s1', 'installment', 'M2'], 2, 400, 320, 325, 1, 1, 1),
      group(['s2', 'settlement', 'M2'], 1, 500, 0, 0, 1, 1, 0),
      group(['s3', 'hardship', 'M2'], 1, 100, 100, 100, 1, 1, 1),
    ]);
    const result = await api.run(
      '{ repaymentPlans(from: "2026-01-01", to: "2026-03-31", dimensions: [TEAM]) { key } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(
      'repaymentPlans cannot group by TEAM; its dimensions are PLAN_KIND, STRATEGY, SEGMENT, ENTRY_BUCKET, PRODUCT, PORTFOLIO, REGION.',
    );
  });

  it('merges a viewer’s groups under SMALL_CELL_MIN_CASES (5) plans into one "*" group', async () => {
    const viewer = (groupBy: string[]) =>
      api.data<{ repaymentPlans: Record<string, unknown>[] }>(
        QUERY.replace('completionRate', 'completionRate suppressedGroups'),
        { groupBy },
        'viewer',
      );
    // hardship 1, installment 3, settlement 1 plans: all three merged, with the totals of all five.
    expect((await viewer(['kind'])).repaymentPlans).toEqual([
      { ...group(['*'], 5, 1010.5, 420, 435.5, 3, 3, 2), suppressedGroups: 3 },
    ]);
    // no dimension: one group of 5 plans, not small
    expect((await viewer([])).repaymentPlans).toEqual([
      { ...group([], 5, 1010.5, 420, 435.5, 3, 3, 2), suppressedGroups: 0 },
    ]);
  });

  it('rejects unknown or repeated dimensions with BAD_USER_INPUT', async () => {
    for (const [groupBy, message] of [
      [['kind', 'team'], 'unknown groupBy dimension "team"'],
      [['kind', 'kind'], 'twice'],
    ] as const) {
      const result = await api.run(QUERY, { groupBy });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(message);
    }
  });
});

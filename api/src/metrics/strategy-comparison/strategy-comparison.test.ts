/**
 * Golden test of strategyComparison (docs/metrics/strategy-comparison.md), N = 30 days.
 * REPORT_TZ = Asia/Shanghai; period March 2026 local = [02-28 16:00Z, 03-31 16:00Z).
 * As-of instant 2026-04-30 00:00Z: mature for 30 d ⇔ opened at or before 03-31 00:00Z.
 *
 * Experiment E1, champion sms_first (tagged arm_role = champion):
 *   C1 opened 02-28 16:30Z (03-01 local, in), entry 1000, cured at exactly t0 + 30 d
 *      (03-30 16:30Z) → cured within 30; payments 400 + 100 at exactly t0 + 30 d
 *      (in) + 50 one minute later (out) → y = 500; attempt cost 2.00 in, 1.50 after → 2.00.
 *   C2 opened 03-05, entry 2000, settled; payment 1000 → y = 1000; cost 3.00.
 *   C3 opened 03-10, entry 500, cured 04-12 (> t0 + 30 d = 04-09) → not cured; its
 *      500 payment on 04-12 is outside the window → y = 0; cost 0.
 *   C4 opened 03-31 00:00:01Z → immature (t0 + 30 d is after the as-of): counted in cases only.
 *   C5 opened 02-28 15:59Z = 23:59 local on 02-28 → not in the period.
 *   → cases 4, mature 3, cured 1, cure rate 1/3;
 *     R = 1500 / 3500 = 0.428571; residuals 71.43, 142.86, −214.29 → Σ² = 71428.57;
 *     SE = sqrt(71428.57 / 6) / (3500 / 3) = 0.0935220 → [0.245272, 0.611871];
 *     cost 5 / 3 = 1.67 per case; net (1500 − 5) / 3 = 498.33.
 * Challenger early_call:
 *   D1 cured 03-05 (y 1000, cost 1.00), D2 paid_in_full 03-10 (y 800, cost 1.00),
 *   D3 still open (y 0, cost 0.50); each entry 1000. D9 is in experiment E2 → ignored.
 *   → 3 cases, all mature, cured 2 → 2/3; R = 1800 / 3000 = 0.6,
 *     SE = sqrt((400² + 200² + 600²) / 6) / 1000 = 0.305505 → [0.001221, 1.198779];
 *     cost 2.5 / 3 = 0.83; net (1800 − 2.5) / 3 = 599.17.
 *   Lift 2/3 − 1/3 = 1/3, relative 1.0; pooled z-test 2/3 vs 1/3: p̄ = 0.5,
 *   SE = sqrt(0.25 · 2/3) = 0.408248, z = 0.816497, p = 0.414216 → not significant at 95 %;
 *   80 % power at 1/3 vs 2/3 needs 34.12 → 35 mature cases per arm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../stats/proportions.ts';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const utc = (instant: string) => new Date(instant).toISOString().replace('T', ' ').slice(0, 23);
const ev = (at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at: utc(at),
  ...fields,
});
const open = (at: string, case_id: string, strategy: string, entry: string, experiment = 'E1') =>
  ev(at, {
    case_id,
    account_id: `AC-${case_id}`,
    strategy,
    experiment,
    arm_role: strategy === 'sms_first' ? 'champion' : 'challenger',
    entry_dpd: 10,
    entry_balance: entry,
  });
const close = (at: string, case_id: string, outcome: string) => ev(at, { case_id, outcome });
const pay = (at: string, case_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id: `AC-${case_id}`, case_id, amount });
const cost = (at: string, case_id: string, amount: string) =>
  ev(at, { case_id, agent_id: 'A1', channel: 'call', outcome: 'no_answer', cost: amount });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai' });
  await api.insert('case_opened', [
    open('2026-02-28T16:30:00Z', 'C1', 'sms_first', '1000'),
    open('2026-03-05T00:00:00Z', 'C2', 'sms_first', '2000'),
    open('2026-03-10T00:00:00Z', 'C3', 'sms_first', '500'),
    open('2026-03-31T00:00:01Z', 'C4', 'sms_first', '700'),
    open('2026-02-28T15:59:00Z', 'C5', 'sms_first', '900'),
    open('2026-03-01T00:00:00Z', 'D1', 'early_call', '1000'),
    open('2026-03-02T00:00:00Z', 'D2', 'early_call', '1000'),
    open('2026-03-03T00:00:00Z', 'D3', 'early_call', '1000'),
    open('2026-03-03T00:00:00Z', 'D9', 'early_call', '1000', 'E2'),
  ]);
  await api.insert('case_closed', [
    close('2026-03-30T16:30:00Z', 'C1', 'cured'),
    close('2026-03-20T00:00:00Z', 'C2', 'settled'),
    close('2026-04-12T00:00:00Z', 'C3', 'cured'),
    close('2026-04-05T00:00:00Z', 'C4', 'cured'),
    close('2026-03-05T00:00:00Z', 'C5', 'cured'),
    close('2026-03-05T00:00:00Z', 'D1', 'cured'),
    close('2026-03-10T00:00:00Z', 'D2', 'paid_in_full'),
    close('2026-03-05T00:00:00Z', 'D9', 'cured'),
  ]);
  await api.insert('payment', [
    pay('2026-03-10T00:00:00Z', 'C1', '400'),
    pay('2026-03-30T16:30:00Z', 'C1', '100'),
    pay('2026-03-30T16:31:00Z', 'C1', '50'),
    pay('2026-03-15T00:00:00Z', 'C2', '1000'),
    pay('2026-04-12T00:00:00Z', 'C3', '500'),
    pay('2026-03-04T00:00:00Z', 'D1', '1000'),
    pay('2026-03-09T00:00:00Z', 'D2', '800'),
    pay('2026-03-04T00:00:00Z', 'D9', '1000'),
  ]);
  await api.insert('contact_attempt', [
    cost('2026-03-02T00:00:00Z', 'C1', '2.00'),
    cost('2026-03-31T00:00:00Z', 'C1', '1.50'),
    cost('2026-03-06T00:00:00Z', 'C2', '3.00'),
    cost('2026-03-02T00:00:00Z', 'D1', '1.00'),
    cost('2026-03-03T00:00:00Z', 'D2', '1.00'),
    cost('2026-03-04T00:00:00Z', 'D3', '0.50'),
    // The as-of instant.
    ev('2026-04-30T00:00:00Z', { case_id: 'Z', channel: 'sms', outcome: 'delivered' }),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($experiment: String!, $champion: String, $confidence: Float, $days: Int) {
  strategyComparison(experiment: $experiment, from: "2026-03-01", to: "2026-03-31",
                     champion: $champion, confidence: $confidence, cureWithinDays: $days) {
    experiment champion cureWithinDays confidence verdict casesNeededPerArm
    arms { strategy cases matureCases cured cureRate cureRateCI { low high }
      recoveryRate recoveryRateCI { low high } costPerCase netRecoveryPerCase
      liftVsChampion relativeLift pValue significant }
  }
}`;
interface Arm {
  strategy: string;
  cases: number;
  matureCases: number;
  cured: number;
  cureRate: number;
  cureRateCI: { low: number; high: number };
  recoveryRate: number;
  recoveryRateCI: { low: number; high: number };
  costPerCase: number;
  netRecoveryPerCase: number;
  liftVsChampion: number | null;
  relativeLift: number | null;
  pValue: number | null;
  significant: boolean;
}
interface Result {
  experiment: string;
  champion: string;
  cureWithinDays: number;
  confidence: number;
  verdict: string;
  casesNeededPerArm: number | null;
  arms: Arm[];
}
const compare = async (variables: Record<string, unknown>) =>
  (await api.data<{ strategyComparison: Result }>(QUERY, { experiment: 'E1', ...variables }))
    .strategyComparison;

describe('strategyComparison', () => {
  it('compares the arms over mature cases with intervals and a verdict', async () => {
    const result = await compare({});
    expect(result.champion).toBe('sms_first');
    expect(result.cureWithinDays).toBe(30);
    const [early, sms] = result.arms;
    expect(sms).toMatchObject({
      strategy: 'sms_first',
      cases: 4,
      matureCases: 3,
      cured: 1,
      costPerCase: 1.67,
      netRecoveryPerCase: 498.33,
      liftVsChampion: null,
      relativeLift: null,
      pValue: null,
      significant: false,
    });
    expect(sms?.cureRate).toBeCloseTo(1 / 3, 12);
    expect(sms?.cureRateCI).toEqual(wilsonInterval(1, 3, 0.95));
    expect(sms?.recoveryRate).toBeCloseTo(0.428571428571, 10);
    expect(sms?.recoveryRateCI.low).toBeCloseTo(0.24527176900934583, 9);
    expect(sms?.recoveryRateCI.high).toBeCloseTo(0.6118710881335112, 9);

    expect(early).toMatchObject({
      strategy: 'early_call',
      cases: 3,
      matureCases: 3,
      cured: 2,
      costPerCase: 0.83,
      netRecoveryPerCase: 599.17,
      significant: false,
    });
    expect(early?.cureRate).toBeCloseTo(2 / 3, 12);
    expect(early?.cureRateCI).toEqual(wilsonInterval(2, 3, 0.95));
    expect(early?.recoveryRate).toBeCloseTo(0.6, 12);
    expect(early?.recoveryRateCI.low).toBeCloseTo(0.0012211120971964418, 9);
    expect(early?.recoveryRateCI.high).toBeCloseTo(1.1987788879028036, 9);
    expect(early?.liftVsChampion).toBeCloseTo(1 / 3, 12);
    expect(early?.relativeLift).toBeCloseTo(1, 12);
    expect(early?.pValue).toBeCloseTo(0.4142161782425251, 10);

    expect(result.casesNeededPerArm).toBe(35);
    expect(result.verdict).toMatch(
      /^No significant difference yet: early_call cures 66\.7 % vs sms_first 33\.3 % \(p = 0\.414\)\. More cases are needed: about 35 mature cases per arm/,
    );
  });

  it('names the best arm when its lift is significant at the requested confidence', async () => {
    // At 50 % confidence, p = 0.414 < 0.5 → significant.
    const result = await compare({ confidence: 0.5 });
    expect(result.arms[0]?.significant).toBe(true);
    expect(result.arms[0]?.cureRateCI).toEqual(wilsonInterval(2, 3, 0.5));
    expect(result.casesNeededPerArm).toBeNull();
    expect(result.verdict).toMatch(
      /^early_call is best: it beats the champion sms_first significantly/,
    );
  });

  it('takes the champion from the argument', async () => {
    const result = await compare({ champion: 'early_call' });
    expect(result.champion).toBe('early_call');
    const sms = result.arms.find((a) => a.strategy === 'sms_first');
    expect(sms?.liftVsChampion).toBeCloseTo(-1 / 3, 12);
    expect(sms?.relativeLift).toBeCloseTo(-0.5, 12);
    expect(result.arms.find((a) => a.strategy === 'early_call')?.pValue).toBeNull();
  });

  it('takes cures within N days: with N = 45, C3 (cured after 33 d) counts, C4 stays immature', async () => {
    // Mature for 45 d ⇔ opened at or before 03-16 00:00Z: C1, C2, C3 and D1..D3 still are.
    // Cured within 45: C1 (29.x d), C3 (04-12 − 03-10 = 33 d) → sms_first 2 of 3.
    const result = await compare({ days: 45 });
    const sms = result.arms.find((a) => a.strategy === 'sms_first');
    expect([sms?.matureCases, sms?.cured]).toEqual([3, 2]);
  });

  it('is empty with a sentence for an experiment without cases', async () => {
    const result = await compare({ experiment: 'nope' });
    expect(result.arms).toEqual([]);
    expect(result.verdict).toMatch(/No cases of experiment "nope"/);
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    for (const [variables, message] of [
      [{ confidence: 1 }, /confidence must be strictly between 0 and 1, got 1/],
      [{ confidence: 0 }, /confidence must be strictly between 0 and 1/],
      [{ days: -1 }, /cureWithinDays must be between 0 and 3650/],
      [{ champion: 'letters' }, /champion "letters" is not an arm of experiment "E1"/],
    ] as const) {
      const result = await api.run(QUERY, { experiment: 'E1', ...variables });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    }
  });
});

/**
 * The one filter (PortfolioFilter, argument `filter`) on every metric that takes
 * it: unknown values and dimensions a metric cannot honour are BAD_USER_INPUT,
 * and the case dimensions slice the case-based metrics. REPORT_TZ UTC.
 *
 * Accounts: A1 north/retail, A2 south/retail.
 * | case | account | opened     | strategy   | segment        | arm        | closed                    |
 * |------|---------|------------|------------|----------------|------------|---------------------------|
 * | K1   | A1      | 01-05 00:00| early_call | willing_able   | champion   | cured 01-15 10:00         |
 * | K2   | A2      | 01-05 00:00| sms_first  | unwilling_able | challenger | cured 01-20 10:00         |
 * | K3   | A1      | 01-10 00:00| sms_first  | willing_able   | challenger | settled 02-01 10:00       |
 * All in experiment exp1, entry balance 1000. Snapshots: A1 dpd 5 on 02-10 (K1's
 * account back in M1 within 90 days of its cure); A2 dpd 0 on 06-30 (as-of
 * 2026-06-30 01:00, so every January case is mature for 30 and 90 days).
 * Attempts in January: K1 call right_party_contact, K2 sms delivered.
 * Legal: K3 demand_letter 01-20 cost 50; K2 filed 01-25 cost 100.
 * Plans: PL1 on K1 installment (01-08), PL2 on K2 hardship (01-09).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOpened, createTestApi, fixtureEvents, type TestApi } from '../testing.ts';

let api: TestApi;
const ev = fixtureEvents();
const account = (account_id: string, region: string) => accountOpened(ev, account_id, { region });
const kase = (
  case_id: string,
  account_id: string,
  at: string,
  strategy: string,
  segment: string,
  arm_role: string,
) =>
  ev(at, {
    case_id,
    account_id,
    strategy,
    segment,
    experiment: 'exp1',
    arm_role,
    entry_dpd: 10,
    entry_balance: '1000',
  });
const snap = (account_id: string, as_of: string, dpd: number) =>
  ev(`${as_of} 01:00:00`, {
    account_id,
    as_of,
    dpd,
    balance: '100',
    amount_due: '0',
    status: 'open',
  });

beforeAll(async () => {
  api = await createTestApi();
  await api.insert('account_opened', [account('A1', 'north'), account('A2', 'south')]);
  await api.insert('case_opened', [
    kase('K1', 'A1', '2026-01-05 00:00:00', 'early_call', 'willing_able', 'champion'),
    kase('K2', 'A2', '2026-01-05 00:00:00', 'sms_first', 'unwilling_able', 'challenger'),
    kase('K3', 'A1', '2026-01-10 00:00:00', 'sms_first', 'willing_able', 'challenger'),
  ]);
  await api.insert('case_closed', [
    ev('2026-01-15 10:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-01-20 10:00:00', { case_id: 'K2', outcome: 'cured' }),
    ev('2026-02-01 10:00:00', { case_id: 'K3', outcome: 'settled' }),
  ]);
  await api.insert('account_snapshot', [snap('A1', '2026-02-10', 5), snap('A2', '2026-06-30', 0)]);
  await api.insert('contact_attempt', [
    ev('2026-01-06 09:00:00', {
      case_id: 'K1',
      agent_id: 'G1',
      channel: 'call',
      outcome: 'right_party_contact',
    }),
    ev('2026-01-06 09:00:00', { case_id: 'K2', channel: 'sms', outcome: 'delivered' }),
  ]);
  await api.insert('legal_action', [
    ev('2026-01-20 00:00:00', { case_id: 'K3', action: 'demand_letter', cost: '50' }),
    ev('2026-01-25 00:00:00', { case_id: 'K2', action: 'filed', cost: '100' }),
  ]);
  await api.insert('payment_plan', [
    ev('2026-01-08 09:00:00', {
      plan_id: 'PL1',
      case_id: 'K1',
      kind: 'installment',
      installments: 2,
      total_amount: '100',
      first_due_on: '2026-02-01',
    }),
    ev('2026-01-09 09:00:00', {
      plan_id: 'PL2',
      case_id: 'K2',
      kind: 'hardship',
      installments: 2,
      total_amount: '100',
      first_due_on: '2026-02-01',
    }),
  ]);
});
afterAll(() => api.dispose());

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const firstError = (errors: Errors) => errors?.[0];

/** Required arguments of the metrics, by name, for a call that only tests the filter. */
const REQUIRED: Record<string, string> = {
  from: '"2026-01-01"',
  to: '"2026-01-31"',
  fromMonth: '"2026-01"',
  toMonth: '"2026-01"',
  experiment: '"exp1"',
  measures: '[CASES_OPENED]',
};

describe('every metric with the filter', () => {
  it('refuses a misspelt value with BAD_USER_INPUT naming the closest known value, never zeros', async () => {
    const schema = await (await import('../schema.ts')).apiSchema();
    const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) =>
      f.args.some((a) => String(a.type) === 'PortfolioFilter'),
    );
    // the metrics the issue lists, each with the same filter type
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'kpis',
        'rollRates',
        'vintages',
        'lossForecast',
        'caseOutcomes',
        'cureCurve',
        'postCureRelapse',
        'channelEffectiveness',
        'strategyComparison',
        'legalPipeline',
        'repaymentPlans',
        'cases',
        'explore',
        'agentPerformance',
        'teamPerformance',
        'complianceReport',
      ]),
    );
    // per-agent metrics take teams, agents (and channels) only: regions are refused as such
    const agentSide = ['agentPerformance', 'teamPerformance', 'complianceReport'];
    for (const field of fields) {
      const filterArg = field.args.find((a) => String(a.type) === 'PortfolioFilter')!.name;
      const args = field.args
        .filter((a) => String(a.type).endsWith('!') && a.defaultValue === undefined)
        .map((a) => `${a.name}: ${REQUIRED[a.name]}`);
      const query = `{ ${field.name}(${[...args, `${filterArg}: { regions: ["nrth"] }`].join(', ')}) { __typename } }`;
      const error = firstError((await api.run(query)).errors);
      expect(error?.extensions?.code, field.name).toBe('BAD_USER_INPUT');
      // nrth → north (distance 1) before south (3)
      expect(error?.message, field.name).toContain(
        agentSide.includes(field.name)
          ? `${field.name} cannot be filtered by regions`
          : `${filterArg}.regions has the unknown value "nrth"; the closest known: north, south`,
      );
    }
  });

  it('refuses a case dimension on an account metric, naming the dimensions it takes', async () => {
    const error = firstError(
      (
        await api.run(
          `{ kpis(from: "2026-01-01", to: "2026-01-31", filter: { strategies: ["sms_first"] }) { asOf } }`,
        )
      ).errors,
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toBe(
      'kpis cannot be filtered by strategies: its filter takes portfolios, products, regions, riskGrades.',
    );
  });

  it('refuses a misspelt strategy naming the known ones', async () => {
    const error = firstError(
      (
        await api.run(
          `{ caseOutcomes(from: "2026-01-01", to: "2026-02-28", filter: { strategies: ["sms_frist"] }) { cases } }`,
        )
      ).errors,
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    // sms_frist → sms_first 2 (a transposition is two edits), early_call 8+
    expect(error?.message).toContain('the closest known: sms_first, early_call');
  });

  it('still answers a known value', async () => {
    const data = await api.data<{ kpis: { kpis: { name: string; value: number }[] } }>(
      `{ kpis(from: "2026-01-01", to: "2026-01-31", filter: { regions: ["north"] }) { kpis { name value } } }`,
    );
    // north = A1: cases K1, K3 opened in January
    expect(data.kpis.kpis.find((k) => k.name === 'cases_opened')?.value).toBe(2);
  });
});

describe('case dimensions slice the case-based metrics', () => {
  it('postCureRelapse by strategy (the question the issue found impossible)', async () => {
    const relapse = async (filter: string) =>
      (
        await api.data<{
          postCureRelapse: {
            total: { cured: number; relapsed: number; relapseRate: number | null };
          };
        }>(
          `{ postCureRelapse(from: "2026-01-01", to: "2026-01-31"${filter}) { total { cured relapsed relapseRate } } }`,
        )
      ).postCureRelapse.total;
    // cured in January: K1 (A1 back at dpd 5 on 02-10: relapsed), K2 (not): 1/2
    expect(await relapse('')).toEqual({ cured: 2, relapsed: 1, relapseRate: 0.5 });
    // early_call = K1: 1/1; sms_first = K2: 0/1
    expect(await relapse(', filter: { strategies: ["early_call"] }')).toEqual({
      cured: 1,
      relapsed: 1,
      relapseRate: 1,
    });
    expect(await relapse(', filter: { strategies: ["sms_first"] }')).toEqual({
      cured: 1,
      relapsed: 0,
      relapseRate: 0,
    });
  });

  it('caseOutcomes by strategy, segment, and with an account dimension', async () => {
    const cases = async (filter: string) =>
      (
        await api.data<{ caseOutcomes: { cases: number }[] }>(
          `{ caseOutcomes(from: "2026-01-01", to: "2026-02-28", filter: ${filter}) { cases } }`,
        )
      ).caseOutcomes.map((g) => g.cases);
    // closed Jan–Feb: K1, K2, K3. sms_first: K2, K3 → 2; willing_able: K1, K3 → 2;
    // sms_first in north (A1): K3 → 1
    expect(await cases('{ strategies: ["sms_first"] }')).toEqual([2]);
    expect(await cases('{ segments: ["willing_able"] }')).toEqual([2]);
    expect(await cases('{ strategies: ["sms_first"], regions: ["north"] }')).toEqual([1]);
  });

  it('cureCurve by segment', async () => {
    const data = await api.data<{
      cureCurve: { cohorts: { points: { matureCases: number; cured: number }[] }[] };
    }>(
      `{ cureCurve(from: "2026-01-01", to: "2026-01-31", cohortBy: ALL, maxDays: 30, filter: { segments: ["willing_able"] }) {
          cohorts { points { matureCases cured } } } }`,
    );
    // willing_able: K1 (cured 10 d 10 h after opening → within 11 days), K3 (settled, not a cure): 1 of 2 at N = 30
    expect(data.cureCurve.cohorts[0]?.points[30]).toEqual({ matureCases: 2, cured: 1 });
  });

  it('strategyComparison gains the filter', async () => {
    const data = await api.data<{
      strategyComparison: { arms: { strategy: string; cases: number; cured: number }[] };
    }>(
      `{ strategyComparison(experiment: "exp1", from: "2026-01-01", to: "2026-01-31", filter: { regions: ["north"] }) {
          arms { strategy cases cured } } }`,
    );
    // north (A1): early_call K1 cured within 30 days; sms_first K3 settled (unfiltered it also has K2)
    expect(data.strategyComparison.arms).toEqual([
      { strategy: 'early_call', cases: 1, cured: 1 },
      { strategy: 'sms_first', cases: 1, cured: 0 },
    ]);
  });

  it('channelEffectiveness by strategy', async () => {
    const data = await api.data<{ channelEffectiveness: { channel: string; attempts: number }[] }>(
      `{ channelEffectiveness(from: "2026-01-01", to: "2026-01-31", filter: { strategies: ["early_call"] }) { channel attempts } }`,
    );
    // early_call = K1: its call; K2's sms is left out
    const attempts = Object.fromEntries(
      data.channelEffectiveness.map((c) => [c.channel, c.attempts]),
    );
    expect([attempts.call, attempts.sms]).toEqual([1, 0]);
  });

  it('legalPipeline gains the filter', async () => {
    const total = async (filter: string) =>
      (
        await api.data<{ legalPipeline: { total: { cases: number; legalCost: number } } }>(
          `{ legalPipeline(from: "2026-01-01", to: "2026-01-31", filter: ${filter}) { total { cases legalCost } } }`,
        )
      ).legalPipeline.total;
    // sms_first: K3 (50) and K2 (100); north: K3 only
    expect(await total('{ strategies: ["sms_first"] }')).toEqual({ cases: 2, legalCost: 150 });
    expect(await total('{ regions: ["north"] }')).toEqual({ cases: 1, legalCost: 50 });
  });

  it('repaymentPlans gains the filter', async () => {
    const data = await api.data<{ repaymentPlans: { key: string[]; plans: number }[] }>(
      `{ repaymentPlans(from: "2026-01-01", to: "2026-01-31", filter: { strategies: ["early_call"] }) { key plans } }`,
    );
    // early_call = K1: PL1 (installment); PL2 on K2 is left out
    expect(data.repaymentPlans).toEqual([{ key: ['installment'], plans: 1 }]);
  });

  it('cases takes the case dimensions in its portfolio argument', async () => {
    const data = await api.data<{ cases: { total: number } }>(
      `{ cases(portfolio: { strategies: ["sms_first"], regions: ["south"] }) { total } }`,
    );
    // sms_first in the south (A2): K2
    expect(data.cases.total).toBe(1);
  });
});

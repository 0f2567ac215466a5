/**
 * Explore's team, agent, plan-kind and legal-stage dimensions, and the filter's
 * teams, agents and channels on explore and the agent metrics
 * (docs/metrics/explore.md), REPORT_TZ UTC, January 2026.
 *
 * Agents (registered 2025-12-01): G1 red, G2 blue, G3 red.
 * Cases opened 01-02: K1 (A1 north), K2 (A2 south), K3 (A1 north); K1 assigned to G1,
 * K2 to G2 on 01-03, K3 never. Closed: K1 cured 01-15 (holder G1, red), K2 settled 01-20
 * (holder G2, blue), K3 uncollectible 01-25 (no holder → '').
 * Attempts (09:00):
 * | day   | case | agent | channel     | outcome             | RPC |
 * |-------|------|-------|-------------|---------------------|-----|
 * | 01-05 | K1   | G1    | call        | right_party_contact | yes |
 * | 01-05 | K1   | —     | sms         | delivered           | no  |
 * | 01-06 | K2   | G2    | call        | no_answer           | no  |
 * | 01-07 | K2   | G3    | call        | right_party_contact | yes |
 * | 01-08 | K3   | G3    | field_visit | promise_to_pay      | yes |
 * By team: '' 1 attempt (0 RPC); blue 1 (0); red 3 (3). By agent: '' 1; G1 1; G2 1; G3 2 (2 RPC).
 * Legal: K1 demand_letter 01-10 (10), filed 01-12 (20) → stage filed, cost 30;
 *   K2 demand_letter 01-11 (5), withdrawn 01-13 (0) → stage withdrawn, cost 5.
 * Plans: P1 K1 installment 01-08 600; P2 K2 settlement 01-09 400; P3 K3 installment 01-10 900
 *   → installment 2 plans, 1500; settlement 1, 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountOpened,
  createTestApi,
  fixtureEvents,
  paymentPlan,
  type TestApi,
} from '../../testing.ts';

let api: TestApi;
const ev = fixtureEvents();
const JANUARY = 'from: "2026-01-01", to: "2026-01-31"';

beforeAll(async () => {
  api = await createTestApi();
  await api.insert('account_opened', [
    accountOpened(ev, 'A1', { region: 'north' }),
    accountOpened(ev, 'A2', { region: 'south' }),
  ]);
  const agent = (agent_id: string, team: string) =>
    ev('2025-12-01 00:00:00', { agent_id, name: agent_id, team });
  await api.insert('agent_registered', [
    agent('G1', 'red'),
    agent('G2', 'blue'),
    agent('G3', 'red'),
  ]);
  const kase = (case_id: string, account_id: string) =>
    ev('2026-01-02 00:00:00', {
      case_id,
      account_id,
      strategy: 'early_call',
      entry_dpd: 10,
      entry_balance: '1000',
    });
  await api.insert('case_opened', [kase('K1', 'A1'), kase('K2', 'A2'), kase('K3', 'A1')]);
  await api.insert('case_assigned', [
    ev('2026-01-03 00:00:00', { case_id: 'K1', agent_id: 'G1' }),
    ev('2026-01-03 00:00:00', { case_id: 'K2', agent_id: 'G2' }),
  ]);
  await api.insert('case_closed', [
    ev('2026-01-15 00:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-01-20 00:00:00', { case_id: 'K2', outcome: 'settled' }),
    ev('2026-01-25 00:00:00', { case_id: 'K3', outcome: 'uncollectible' }),
  ]);
  const attempt = (
    day: string,
    case_id: string,
    agent_id: string,
    channel: string,
    outcome: string,
  ) => ev(`${day} 09:00:00`, { case_id, agent_id, channel, outcome });
  await api.insert('contact_attempt', [
    attempt('2026-01-05', 'K1', 'G1', 'call', 'right_party_contact'),
    attempt('2026-01-05', 'K1', '', 'sms', 'delivered'),
    attempt('2026-01-06', 'K2', 'G2', 'call', 'no_answer'),
    attempt('2026-01-07', 'K2', 'G3', 'call', 'right_party_contact'),
    attempt('2026-01-08', 'K3', 'G3', 'field_visit', 'promise_to_pay'),
  ]);
  const legal = (day: string, case_id: string, action: string, cost: string) =>
    ev(`${day} 00:00:00`, { case_id, action, cost });
  await api.insert('legal_action', [
    legal('2026-01-10', 'K1', 'demand_letter', '10'),
    legal('2026-01-12', 'K1', 'filed', '20'),
    legal('2026-01-11', 'K2', 'demand_letter', '5'),
    legal('2026-01-13', 'K2', 'withdrawn', '0'),
  ]);
  const plan = (
    day: string,
    plan_id: string,
    case_id: string,
    kind: string,
    total_amount: string,
  ) => paymentPlan(ev, `${day} 00:00:00`, { plan_id, case_id, kind, total_amount });
  await api.insert('payment_plan', [
    plan('2026-01-08', 'P1', 'K1', 'installment', '600'),
    plan('2026-01-09', 'P2', 'K2', 'settlement', '400'),
    plan('2026-01-10', 'P3', 'K3', 'installment', '900'),
  ]);
});
afterAll(() => api.dispose());

interface Row {
  key: string[];
  values: { value: number | null }[];
}
/** explore's rows as [key…, values…]. */
const explore = async (args: string) =>
  (
    await api.data<{ explore: { rows: Row[] } }>(
      `{ explore(${JANUARY}, ${args}) { rows { key values { value } } } }`,
    )
  ).explore.rows.map((r) => [...r.key, ...r.values.map((v) => v.value)]);
const refusal = async (query: string) => {
  const result = await api.run(query);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  return result.errors?.[0]?.message;
};

describe('explore by team and agent', () => {
  it("slices attempts by the attempt's agent and its team (agent_day, or every attempt)", async () => {
    expect(await explore('dimensions: [TEAM], measures: [ATTEMPTS, RPCS]')).toEqual([
      ['', 1, 0],
      ['blue', 1, 0],
      ['red', 3, 3],
    ]);
    // with contact cost each attempt is read (agent_day has no cost): the same counts
    expect(await explore('dimensions: [TEAM], measures: [ATTEMPTS, CONTACT_COST]')).toEqual([
      ['', 1, 0],
      ['blue', 1, 0],
      ['red', 3, 0],
    ]);
    expect(await explore('dimensions: [AGENT], measures: [ATTEMPTS, RPCS]')).toEqual([
      ['', 1, 0],
      ['G1', 1, 1],
      ['G2', 1, 0],
      ['G3', 2, 2],
    ]);
  });

  it('filters attempts by teams, agents and channels, with account dimensions', async () => {
    expect(await explore('measures: [ATTEMPTS, RPCS], filter: { teams: ["red"] }')).toEqual([
      [3, 3],
    ]);
    expect(await explore('measures: [ATTEMPTS], filter: { agents: ["G2"] }')).toEqual([[1]]);
    // calls: G1's RPC, G2's no_answer, G3's RPC
    expect(await explore('measures: [ATTEMPTS, RPCS], filter: { channels: ["call"] }')).toEqual([
      [3, 2],
    ]);
    // north (A1: K1, K3) and red: G1 on K1, G3 on K3
    expect(
      await explore('measures: [ATTEMPTS], filter: { regions: ["north"], teams: ["red"] }'),
    ).toEqual([[2]]);
  });

  it('slices and filters cases closed by the holder at close, as caseOutcomes groups by team', async () => {
    expect(await explore('dimensions: [TEAM], measures: [CASES_CLOSED]')).toEqual([
      ['', 1],
      ['blue', 1],
      ['red', 1],
    ]);
    expect(await explore('dimensions: [AGENT], measures: [CASES_CLOSED]')).toEqual([
      ['', 1],
      ['G1', 1],
      ['G2', 1],
    ]);
    expect(await explore('measures: [CASES_CLOSED], filter: { teams: ["blue"] }')).toEqual([[1]]);
    const { caseOutcomes } = await api.data<{ caseOutcomes: { key: string[]; cases: number }[] }>(
      `{ caseOutcomes(${JANUARY}, groupBy: ["team"]) { key cases } }`,
    );
    expect(caseOutcomes.map((g) => [...g.key, g.cases])).toEqual([
      ['', 1],
      ['blue', 1],
      ['red', 1],
    ]);
  });

  it('refuses unknown teams, agents and channels, and measures that have no agent', async () => {
    expect(
      await refusal(
        `{ explore(${JANUARY}, measures: [ATTEMPTS], filter: { teams: ["rde"] }) { totalRows } }`,
      ),
    ).toContain('filter.teams has the unknown value "rde"; the closest known: red');
    expect(
      await refusal(
        `{ explore(${JANUARY}, measures: [ATTEMPTS], filter: { agents: ["G9"] }) { totalRows } }`,
      ),
    ).toContain('the closest known: G1, G2, G3');
    expect(
      await refusal(
        `{ explore(${JANUARY}, measures: [ATTEMPTS], filter: { channels: ["cal"] }) { totalRows } }`,
      ),
    ).toContain('filter.channels has the unknown value "cal"; the closest known: call');
    expect(
      await refusal(
        `{ explore(${JANUARY}, measures: [CASES_OPENED], dimensions: [TEAM]) { totalRows } }`,
      ),
    ).toContain('cases_opened cannot be sliced by team');
    expect(
      await refusal(
        `{ explore(${JANUARY}, measures: [LEGAL_COST], filter: { teams: ["red"] }) { totalRows } }`,
      ),
    ).toContain('cannot be filtered by teams');
    // a metric that does not honour the agent fields refuses them instead of ignoring them
    expect(
      await refusal(`{ kpis(${JANUARY}, filter: { teams: ["red"] }) { kpis { name } } }`),
    ).toBe(
      'kpis cannot be filtered by teams: its filter takes portfolios, products, regions, riskGrades.',
    );
  });
});

describe('explore by plan kind and legal stage', () => {
  it('counts plans created and their amount by kind, as repaymentPlans', async () => {
    expect(
      await explore('dimensions: [PLAN_KIND], measures: [PLANS_CREATED, PLAN_AMOUNT]'),
    ).toEqual([
      ['installment', 2, 1500],
      ['settlement', 1, 400],
    ]);
    const { repaymentPlans } = await api.data<{
      repaymentPlans: { key: string[]; plans: number; totalAmount: number }[];
    }>(`{ repaymentPlans(${JANUARY}, groupBy: ["kind"]) { key plans totalAmount } }`);
    expect(repaymentPlans.map((g) => [...g.key, g.plans, g.totalAmount])).toEqual([
      ['installment', 2, 1500],
      ['settlement', 1, 400],
    ]);
    // north (K1, K3): both installments
    expect(
      await explore(
        'dimensions: [PLAN_KIND], measures: [PLAN_AMOUNT], filter: { regions: ["north"] }',
      ),
    ).toEqual([['installment', 1500]]);
  });

  it("slices legal cost by the case's stage, as legalPipeline", async () => {
    expect(await explore('dimensions: [LEGAL_STAGE], measures: [LEGAL_COST]')).toEqual([
      ['filed', 30],
      ['withdrawn', 5],
    ]);
    const { legalPipeline } = await api.data<{
      legalPipeline: { stages: { stage: string; cases: number; legalCost: number }[] };
    }>(`{ legalPipeline(${JANUARY}) { stages { stage cases legalCost } } }`);
    // legalPipeline lists every stage; those with cases
    const reached = legalPipeline.stages.filter((s) => s.cases > 0);
    expect(reached.map((s) => [s.stage, s.legalCost])).toEqual([
      ['filed', 30],
      ['withdrawn', 5],
    ]);
  });

  it('lists the values of the new dimensions in the catalog', async () => {
    const { catalog } = await api.data<{
      catalog: { dimensions: { name: string; filterField: string | null; values: string[] }[] };
    }>('{ catalog { dimensions { name filterField values } } }');
    const byName = Object.fromEntries(catalog.dimensions.map((d) => [d.name, d]));
    expect(byName.TEAM).toEqual({ name: 'TEAM', filterField: 'teams', values: ['blue', 'red'] });
    expect(byName.AGENT?.values).toEqual(['G1', 'G2', 'G3']);
    expect(byName.CHANNEL?.filterField).toBe('channels');
    expect(byName.PLAN_KIND?.values).toEqual(['installment', 'settlement', 'hardship']);
    expect(byName.LEGAL_STAGE?.values).toEqual([
      'demand_letter',
      'filed',
      'judgment',
      'enforcement',
      'withdrawn',
    ]);
  });
});

describe('the filter on the agent metrics', () => {
  it('restricts agentPerformance to teams and agents', async () => {
    const agents = async (filter: string) =>
      (
        await api.data<{
          agentPerformance: { total: number; rows: { agentId: string; attempts: number }[] };
        }>(
          `{ agentPerformance(${JANUARY}, filter: ${filter}) { total rows { agentId attempts } } }`,
        )
      ).agentPerformance;
    // red: G1 (1 attempt), G3 (2); nothing collected → by agent id
    expect(await agents('{ teams: ["red"] }')).toEqual({
      total: 2,
      rows: [
        { agentId: 'G1', attempts: 1 },
        { agentId: 'G3', attempts: 2 },
      ],
    });
    expect(await agents('{ agents: ["G2"] }')).toEqual({
      total: 1,
      rows: [{ agentId: 'G2', attempts: 1 }],
    });
    expect(await agents('{ teams: ["red"], agents: ["G2"] }')).toEqual({ total: 0, rows: [] });
  });

  it('restricts teamPerformance to teams and agents (a team counts only the agents kept)', async () => {
    const teams = async (filter: string) =>
      (
        await api.data<{
          teamPerformance: {
            team: string;
            agents: number;
            attempts: number;
            casesWorked: number;
          }[];
        }>(
          `{ teamPerformance(${JANUARY}, filter: ${filter}) { team agents attempts casesWorked } }`,
        )
      ).teamPerformance;
    expect(await teams('{ teams: ["blue"] }')).toEqual([
      { team: 'blue', agents: 1, attempts: 1, casesWorked: 1 },
    ]);
    // G3 alone: 2 attempts on K2 and K3; without the filter red would also have G1 (K1)
    expect(await teams('{ agents: ["G3"] }')).toEqual([
      { team: 'red', agents: 1, attempts: 2, casesWorked: 2 },
    ]);
    expect(await teams('{ teams: ["red"] }')).toEqual([
      { team: 'red', agents: 2, attempts: 3, casesWorked: 3 },
    ]);
  });

  it('restricts complianceReport to teams, agents and channels', async () => {
    const report = async (filter: string) =>
      (
        await api.data<{
          complianceReport: { voiceAttempts: number; agents: { agentId: string }[] };
        }>(
          `{ complianceReport(${JANUARY}, filter: ${filter}) { voiceAttempts agents { agentId } } }`,
        )
      ).complianceReport;
    // voice attempts: the 3 calls and the field visit; field_visit → G3's one
    expect(await report('{ channels: ["field_visit"] }')).toEqual({
      voiceAttempts: 1,
      agents: [{ agentId: 'G3' }],
    });
    expect(await report('{ teams: ["blue"] }')).toEqual({
      voiceAttempts: 1,
      agents: [{ agentId: 'G2' }],
    });
  });

  it('refuses what the agent metrics cannot honour, and unknown values', async () => {
    expect(
      await refusal(`{ agentPerformance(${JANUARY}, filter: { regions: ["north"] }) { total } }`),
    ).toBe('agentPerformance cannot be filtered by regions: its filter takes teams, agents.');
    expect(
      await refusal(`{ teamPerformance(${JANUARY}, filter: { channels: ["call"] }) { team } }`),
    ).toBe('teamPerformance cannot be filtered by channels: its filter takes teams, agents.');
    expect(
      await refusal(`{ agentPerformance(${JANUARY}, filter: { teams: ["Red"] }) { total } }`),
    ).toContain('the closest known: red');
    expect(
      await refusal(
        `{ complianceReport(${JANUARY}, filter: { strategies: ["early_call"] }) { voiceAttempts } }`,
      ),
    ).toBe(
      'complianceReport cannot be filtered by strategies: its filter takes teams, agents, channels.',
    );
    // sms is a known channel, but the report never counts it: refused, not zeros
    expect(
      await refusal(
        `{ complianceReport(${JANUARY}, filter: { channels: ["sms"] }) { voiceAttempts } }`,
      ),
    ).toBe(
      'complianceReport counts voice and in-person attempts only: filter.channels takes call, field_visit, ivr, not "sms".',
    );
  });
});

/**
 * Golden tests of the case drill-down (cases, caseTimeline). REPORT_TZ = UTC.
 *
 * K1: account ACCT-0001 (retail), opened 03-01 00:00, early_call / willing_able,
 *     entry_dpd 15 (M1), balance 1000; assigned A1 (north) 03-01 01:00, then A2
 *     (south) 03-05; paid 300 + 700 = 1000; closed cured 03-20.
 * K2: ACCT-0002 (sme), opened 03-02, sms_first / unwilling_able, dpd 45 (M2),
 *     500; assigned A1; paid 50; open.
 * K3: ACCT-0001, opened 03-03, early_call, no segment, dpd 0 (M0), 200; never
 *     assigned; nothing paid; closed charged_off 03-25.
 * Newest opened first: K3, K2, K1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTag } from '../../sql/mask.ts';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
const PII_KEY = 'cases-test-key-0123456789';
/** The keyed tags (sql/mask.ts) of the fixture's two accounts, computed in TS. */
const TAG1 = accountTag(PII_KEY, 'ACCT-0001');
const TAG2 = accountTag(PII_KEY, 'ACCT-0002');
let n = 0;
const ev = (occurred_at: string, fields: Record<string, unknown>) => ({
  event_id: `e${String(++n).padStart(2, '0')}`,
  occurred_at,
  ...fields,
});

beforeAll(async () => {
  api = await createTestApi({ PII_KEY: PII_KEY });
  const account = (account_id: string, portfolio: string) =>
    ev('2026-01-01 00:00:00', {
      account_id,
      customer_hash: 'secret-hash-value',
      product: 'credit_card',
      portfolio,
      region: 'x',
      opened_on: '2025-01-01',
      principal: '1000',
    });
  await api.insert('account_opened', [account('ACCT-0001', 'retail'), account('ACCT-0002', 'sme')]);
  await api.insert('agent_registered', [
    ev('2026-01-01 00:00:00', { agent_id: 'A1', name: 'Ann', team: 'north' }),
    ev('2026-01-01 00:00:00', { agent_id: 'A2', name: 'Bo', team: 'south' }),
  ]);
  const open = (at: string, case_id: string, account_id: string, f: Record<string, unknown>) =>
    ev(at, { case_id, account_id, ...f });
  await api.insert('case_opened', [
    open('2026-03-01 00:00:00', 'K1', 'ACCT-0001', {
      strategy: 'early_call',
      segment: 'willing_able',
      entry_dpd: 15,
      entry_balance: '1000',
    }),
    open('2026-03-02 00:00:00', 'K2', 'ACCT-0002', {
      strategy: 'sms_first',
      segment: 'unwilling_able',
      entry_dpd: 45,
      entry_balance: '500',
    }),
    open('2026-03-03 00:00:00', 'K3', 'ACCT-0001', {
      strategy: 'early_call',
      entry_dpd: 0,
      entry_balance: '200',
    }),
  ]);
  await api.insert('case_assigned', [
    ev('2026-03-01 01:00:00', { case_id: 'K1', agent_id: 'A1' }),
    ev('2026-03-05 00:00:00', { case_id: 'K1', agent_id: 'A2' }),
    ev('2026-03-02 01:00:00', { case_id: 'K2', agent_id: 'A1' }),
  ]);
  await api.insert('contact_attempt', [
    ev('2026-03-02 10:00:00', {
      case_id: 'K1',
      agent_id: 'A1',
      channel: 'call',
      outcome: 'promise_to_pay',
      duration_s: 120,
      cost: '1.50',
    }),
  ]);
  await api.insert('promise_to_pay', [
    ev('2026-03-02 10:00:00', {
      ptp_id: 'P1',
      case_id: 'K1',
      agent_id: 'A1',
      amount: '1000',
      due_on: '2026-03-20',
    }),
  ]);
  await api.insert('payment', [
    ev('2026-03-10 00:00:00', {
      payment_id: 'Y1',
      account_id: 'ACCT-0001',
      case_id: 'K1',
      amount: '300',
      method: 'app',
    }),
    ev('2026-03-19 00:00:00', {
      payment_id: 'Y2',
      account_id: 'ACCT-0001',
      case_id: 'K1',
      amount: '700',
      method: 'bank_transfer',
    }),
    ev('2026-03-10 00:00:00', {
      payment_id: 'Y3',
      account_id: 'ACCT-0002',
      case_id: 'K2',
      amount: '50',
    }),
  ]);
  const snap = (at: string, dpd: number, balance: string) =>
    ev(at, {
      account_id: 'ACCT-0001',
      as_of: at.slice(0, 10),
      dpd,
      balance,
      amount_due: '10',
      status: 'open',
    });
  // Only the 03-15 snapshot falls inside K1's life (03-01 .. 03-20).
  await api.insert('account_snapshot', [
    snap('2026-02-28 00:00:00', 20, '1000'),
    snap('2026-03-15 00:00:00', 5, '700'),
    snap('2026-03-31 00:00:00', 0, '0'),
  ]);
  await api.insert('legal_action', [
    ev('2026-03-24 00:00:00', { case_id: 'K3', action: 'demand_letter', cost: '25' }),
  ]);
  await api.insert('case_closed', [
    ev('2026-03-20 00:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-03-25 00:00:00', { case_id: 'K3', outcome: 'charged_off' }),
  ]);
});
afterAll(() => api.dispose());

const CASES = `query ($filter: CaseFilter, $portfolio: PortfolioFilter, $limit: Int, $offset: Int) {
  cases(filter: $filter, portfolio: $portfolio, limit: $limit, offset: $offset) {
    total
    rows { caseId accountMasked openedAt strategy segment entryDpd entryBucket entryBalance
           agentId agentName team closed closedAt outcome paid }
  }
}`;
type Page = { cases: { total: number; rows: Record<string, unknown>[] } };
const ids = async (variables: Record<string, unknown>) => {
  const { cases } = await api.data<Page>(CASES, variables, 'analyst');
  return { total: cases.total, ids: cases.rows.map((r) => r.caseId) };
};

describe('cases (case drill-down)', () => {
  it('tags accounts with a keyed hash: distinct per account, the raw id never sent', async () => {
    const result = await api.run<Page>(CASES, {}, 'analyst');
    const tags = result.data?.cases.rows.map((r) => r.accountMasked);
    // K3 and K1 share ACCT-0001; K2 is ACCT-0002
    expect(tags).toEqual([TAG1, TAG2, TAG1]);
    expect(TAG1).toMatch(/^acct-[0-9a-f]{16}$/);
    expect(TAG1).not.toBe(TAG2);
    expect(JSON.stringify(result)).not.toMatch(/ACCT|0001|0002/);
    // another key gives other tags: the tag cannot be recomputed without it
    expect(accountTag('another-key-0123456789', 'ACCT-0001')).not.toBe(TAG1);
  });

  it('lists cases newest first with holder, team, outcome and paid; account ids masked', async () => {
    const result = await api.run<Page>(CASES, {}, 'analyst');
    expect(result.errors).toBeUndefined();
    expect(result.data?.cases.total).toBe(3);
    expect(result.data?.cases.rows).toEqual([
      {
        caseId: 'K3',
        accountMasked: TAG1,
        openedAt: '2026-03-03T00:00:00.000Z',
        strategy: 'early_call',
        segment: '',
        entryDpd: 0,
        entryBucket: 'M0',
        entryBalance: 200,
        agentId: null,
        agentName: null,
        team: null,
        closed: true,
        closedAt: '2026-03-25T00:00:00.000Z',
        outcome: 'charged_off',
        paid: 0,
      },
      {
        caseId: 'K2',
        accountMasked: TAG2,
        openedAt: '2026-03-02T00:00:00.000Z',
        strategy: 'sms_first',
        segment: 'unwilling_able',
        entryDpd: 45,
        entryBucket: 'M2',
        entryBalance: 500,
        agentId: 'A1',
        agentName: 'Ann',
        team: 'north',
        closed: false,
        closedAt: null,
        outcome: null,
        paid: 50,
      },
      {
        caseId: 'K1',
        accountMasked: TAG1,
        openedAt: '2026-03-01T00:00:00.000Z',
        strategy: 'early_call',
        segment: 'willing_able',
        entryDpd: 15,
        entryBucket: 'M1',
        entryBalance: 1000,
        agentId: 'A2', // reassigned from A1 on 03-05: the latest holder
        agentName: 'Bo',
        team: 'south',
        closed: true,
        closedAt: '2026-03-20T00:00:00.000Z',
        outcome: 'cured',
        paid: 1000, // 300 + 700
      },
    ]);
    const json = JSON.stringify(result);
    expect(json).not.toContain('ACCT-000');
    expect(json).not.toContain('secret-hash');
  });

  it('filters by strategy, segment, team, agent, outcome, entry bucket, dates and portfolio', async () => {
    expect(await ids({ filter: { strategies: ['early_call'] } })).toEqual({
      total: 2,
      ids: ['K3', 'K1'],
    });
    expect(await ids({ filter: { segments: ['willing_able'] } })).toEqual({
      total: 1,
      ids: ['K1'],
    });
    expect(await ids({ filter: { teams: ['south'] } })).toEqual({ total: 1, ids: ['K1'] });
    expect(await ids({ filter: { agentIds: ['A1'] } })).toEqual({ total: 1, ids: ['K2'] });
    // agents: the name PortfolioFilter gives agent ids (agentIds is deprecated); not both
    expect(await ids({ filter: { agents: ['A1'] } })).toEqual({ total: 1, ids: ['K2'] });
    const both = await api.run(CASES, { filter: { agents: ['A1'], agentIds: ['A1'] } });
    expect(both.errors?.[0]?.message).toBe('cases takes agents or agentIds, not both.');
    expect(await ids({ filter: { outcomes: ['open'] } })).toEqual({ total: 1, ids: ['K2'] });
    expect(await ids({ filter: { outcomes: ['cured', 'charged_off'] } })).toEqual({
      total: 2,
      ids: ['K3', 'K1'],
    });
    expect(await ids({ filter: { entryBuckets: ['M2', 'M0'] } })).toEqual({
      total: 2,
      ids: ['K3', 'K2'],
    });
    expect(await ids({ filter: { openedFrom: '2026-03-02', openedTo: '2026-03-02' } })).toEqual({
      total: 1,
      ids: ['K2'],
    });
    expect(await ids({ portfolio: { portfolios: ['sme'] } })).toEqual({ total: 1, ids: ['K2'] });
    expect(await ids({ filter: { strategies: ['early_call'], teams: ['north'] } })).toEqual({
      total: 0,
      ids: [],
    });
  });

  it('pages with a total of all matches', async () => {
    expect(await ids({ limit: 1, offset: 1 })).toEqual({ total: 3, ids: ['K2'] });
    expect(await ids({ limit: 10, offset: 5 })).toEqual({ total: 3, ids: [] });
  });
});

const TIMELINE = `query ($caseId: String!) {
  caseTimeline(caseId: $caseId) {
    caseId
    summary { caseId accountMasked agentId paid }
    events { type eventId occurredAt agentId channel outcome amount detail }
  }
}`;
type Timeline = {
  caseTimeline: {
    caseId: string;
    summary: Record<string, unknown> | null;
    events: Record<string, unknown>[];
  };
};

describe('caseTimeline', () => {
  it('gives every event touching the case in time order', async () => {
    const { caseTimeline: t } = await api.data<Timeline>(TIMELINE, { caseId: 'K1' }, 'analyst');
    expect(t.summary).toEqual({ caseId: 'K1', accountMasked: TAG1, agentId: 'A2', paid: 1000 });
    expect(
      t.events.map((e) => [
        e.type,
        String(e.occurredAt).slice(0, 16),
        e.agentId,
        e.outcome,
        e.amount,
      ]),
    ).toEqual([
      ['case_opened', '2026-03-01T00:00', null, null, 1000],
      ['case_assigned', '2026-03-01T01:00', 'A1', null, null],
      // Same instant: contact_attempt before promise_to_pay (docs/etl.md#event-format, event type order).
      ['contact_attempt', '2026-03-02T10:00', 'A1', 'promise_to_pay', 1.5],
      ['promise_to_pay', '2026-03-02T10:00', 'A1', null, 1000],
      ['case_assigned', '2026-03-05T00:00', 'A2', null, null],
      ['payment', '2026-03-10T00:00', null, 'app', 300],
      ['account_snapshot', '2026-03-15T00:00', null, 'M1', 700],
      ['payment', '2026-03-19T00:00', null, 'bank_transfer', 700],
      ['case_closed', '2026-03-20T00:00', null, 'cured', null],
    ]);
    expect(t.events[2]).toMatchObject({ channel: 'call', detail: 'duration_s=120' });
    expect(t.events[3]).toMatchObject({ detail: 'ptp_id=P1 due_on=2026-03-20' });
    expect(JSON.stringify(t)).not.toContain('ACCT-000');
  });

  it('includes legal actions; an unknown case has no summary and no events', async () => {
    const { caseTimeline: k3 } = await api.data<Timeline>(TIMELINE, { caseId: 'K3' }, 'admin');
    expect(k3.events.map((e) => [e.type, e.outcome, e.amount])).toEqual([
      ['case_opened', null, 200],
      ['account_snapshot', 'M1', 700], // same account as K1, 03-15 is inside K3's life too
      ['legal_action', 'demand_letter', 25],
      ['case_closed', 'charged_off', null],
    ]);
    const { caseTimeline: none } = await api.data<Timeline>(
      TIMELINE,
      { caseId: 'NOPE' },
      'analyst',
    );
    expect(none).toEqual({ caseId: 'NOPE', summary: null, events: [] });
  });
});

describe('access and arguments', () => {
  it('refuses the viewer role with FORBIDDEN', async () => {
    for (const [query, vars] of [
      [CASES, {}],
      [TIMELINE, { caseId: 'K1' }],
    ] as const) {
      const result = await api.run(query, vars, 'viewer');
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    for (const [query, vars] of [
      [CASES, { limit: 1001 }],
      [CASES, { offset: -1 }],
      [CASES, { filter: { entryBuckets: ['M9'] } }],
      [CASES, { filter: { openedFrom: '2026-13-01' } }],
      [CASES, { filter: { openedFrom: '2026-03-05', openedTo: '2026-03-01' } }],
      [TIMELINE, { caseId: '' }],
    ] as const) {
      const result = await api.run(query, vars, 'analyst');
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

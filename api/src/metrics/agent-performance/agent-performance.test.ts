/**
 * Golden test of agentPerformance / teamPerformance (docs/metrics/agent-performance.md).
 * REPORT_TZ = Asia/Shanghai (UTC+8), PROMISE_GRACE_DAYS = 3, period March 2026
 * = [02-28 16:00Z, 03-31 16:00Z). Fixture times are written with their offset
 * and stored in UTC, as the loader does. As-of instant: 2026-04-10 00:00Z.
 *
 * Agents: A1 Ann/North, A2 Bob/North, A3 Cid (re-registered East → South),
 * A4 never registered, A5 South with activity only in February.
 *
 * A1 attempts in period: a0 K1 call 07:59 local 03-01 (= 02-28 23:59Z, in the
 *   local period; off hours → violation, 60 s), a1 K1 call RPC 300 s, a2 K1
 *   call no_answer, a3 K3 sms delivered (30 s, not talk), a4 K3 call
 *   promise_to_pay 23:30 local (off hours → violation, 600 s); a5 on 04-01
 *   00:30 local is outside. → attempts 5, rpcs 2 (a1, a4), rpcRate 0.4,
 *   cases K1, K3 = 2, talk 60 + 300 + 600 = 960 s, violations 2.
 * A2: b1, b2 K1 calls, both RPC, 1200 + 600 s → 2, 2, 1.0, 1 case, 1800 s.
 * A3: c1 K2 field_visit hardship (RPC, not talk) → 1, 1, 1.0, 1 case, 0 s.
 * A4: d1 K2 call busy → 1, 0, rate 0, promise rate 0/0 → 0, 1 case.
 *
 * Promises (window end = end of due_on + 3 local days):
 *   P1 A1 K3 100 due 03-10 → ends 03-13 16:00Z; Y4 100 exactly then → kept.
 *   P2 A1 K1 200 due 03-05 → ends 03-08 16:00Z; Y1 150 inside, Y2 50 one minute
 *      after → partial.
 *   P3 A2 K1 50 due 04-08 → ends 04-11 16:00Z > as-of → pending.
 *   P4 A2 K1 80 due 03-15 (made 03-13) → no K1 payment in [03-13, 03-18 16:00Z] → broken.
 *   P5 A1 K3 made in February → not in the period.
 *   A1: 2 promises, rate 2/2 = 1, kept 1 of 2 matured = 0.5.
 *   A2: 2 promises, rate 2/2 = 1, kept 0 of 1 matured (P3 pending) = 0.
 *   A3, A4: no promises → keptRate null.
 *
 * Payments (holder = latest assignment at or before; K1: A1 from 03-01, A2 from 03-10):
 *   Y1 K1 150 03-03 → A1; Y2 K1 50 03-08 16:01Z → A1 (before the reassignment);
 *   Y3 K1 300 03-20 → A2 (after it); Y4 K3 100 → A1; Y5 K2 500.50 → A3;
 *   Y6 K2 0.25 at 04-01 00:00 local → outside; Y7 no case 1000 → nobody.
 *   A1 300, A2 300, A3 500.50, A4 0.
 *   Per talk hour: A1 300 / (960 / 3600) = 1125; A2 300 / 0.5 = 600; A3, A4 null.
 * Order: A3 (500.50), A1 (300), A2 (300, tie → agentId), A4 (0); total 4.
 *
 * Teams: North (A1 + A2): 7 attempts, 4 rpcs (4/7), 4 promises (4/4 = 1),
 *   kept 1 of 3 matured, 600 collected, cases {K1, K3} = 2 (K1 once),
 *   talk 2760 s, 600 / (2760 / 3600) = 782.6087 → 782.61, violations 2.
 *   South (A3): 1 agent … 500.50. '' (A4, unregistered): 1 agent, 0 collected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
/** An RFC 3339 instant with offset → the stored UTC 'YYYY-MM-DD hh:mm:ss.sss'. */
const utc = (instant: string) => new Date(instant).toISOString().replace('T', ' ').slice(0, 23);
const ev = (at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at: utc(at),
  ...fields,
});
const attempt = (
  at: string,
  agent_id: string,
  case_id: string,
  channel: string,
  outcome: string,
  duration_s = 0,
) => ev(at, { agent_id, case_id, channel, outcome, duration_s });
const pay = (at: string, payment_id: string, case_id: string, amount: string) =>
  ev(at, { payment_id, account_id: `AC-${case_id}`, case_id, amount });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai', PROMISE_GRACE_DAYS: '3' });
  await api.insert('agent_registered', [
    ev('2026-01-01T00:00:00Z', { agent_id: 'A1', name: 'Ann', team: 'North' }),
    ev('2026-01-01T00:00:00Z', { agent_id: 'A2', name: 'Bob', team: 'North' }),
    ev('2026-01-01T00:00:00Z', { agent_id: 'A3', name: 'Cid', team: 'East' }),
    ev('2026-02-01T00:00:00Z', { agent_id: 'A3', name: 'Cid', team: 'South' }),
    ev('2026-01-01T00:00:00Z', { agent_id: 'A5', name: 'Eve', team: 'South' }),
  ]);
  await api.insert('case_assigned', [
    ev('2026-03-01T08:00:00+08:00', { case_id: 'K1', agent_id: 'A1' }),
    ev('2026-03-10T10:00:00+08:00', { case_id: 'K1', agent_id: 'A2' }),
    ev('2026-03-01T08:00:00+08:00', { case_id: 'K2', agent_id: 'A3' }),
    ev('2026-02-20T08:00:00+08:00', { case_id: 'K3', agent_id: 'A1' }),
  ]);
  await api.insert('contact_attempt', [
    attempt('2026-03-01T07:59:00+08:00', 'A1', 'K1', 'call', 'no_answer', 60),
    attempt('2026-03-01T09:00:00+08:00', 'A1', 'K1', 'call', 'right_party_contact', 300),
    attempt('2026-03-02T10:00:00+08:00', 'A1', 'K1', 'call', 'no_answer'),
    attempt('2026-03-03T10:00:00+08:00', 'A1', 'K3', 'sms', 'delivered', 30),
    attempt('2026-03-04T23:30:00+08:00', 'A1', 'K3', 'call', 'promise_to_pay', 600),
    attempt('2026-04-01T00:30:00+08:00', 'A1', 'K1', 'call', 'no_answer', 99),
    attempt('2026-03-12T15:00:00+08:00', 'A2', 'K1', 'call', 'right_party_contact', 1200),
    attempt('2026-03-13T15:00:00+08:00', 'A2', 'K1', 'call', 'refused_to_pay', 600),
    attempt('2026-03-05T14:00:00+08:00', 'A3', 'K2', 'field_visit', 'hardship', 900),
    attempt('2026-03-06T12:00:00+08:00', 'A4', 'K2', 'call', 'busy'),
    attempt('2026-02-10T12:00:00+08:00', 'A5', 'K2', 'call', 'busy', 50),
    attempt('2026-03-05T12:00:00+08:00', '', 'K2', 'sms', 'delivered'),
    // The latest event: as-of instant 2026-04-10 00:00Z.
    attempt('2026-04-10T00:00:00Z', '', 'K2', 'sms', 'delivered'),
  ]);
  const promise = (
    at: string,
    ptp_id: string,
    agent_id: string,
    case_id: string,
    amount: string,
    due_on: string,
  ) => ev(at, { ptp_id, agent_id, case_id, amount, due_on });
  await api.insert('promise_to_pay', [
    promise('2026-03-04T23:31:00+08:00', 'P1', 'A1', 'K3', '100', '2026-03-10'),
    promise('2026-03-01T09:05:00+08:00', 'P2', 'A1', 'K1', '200', '2026-03-05'),
    promise('2026-03-12T15:05:00+08:00', 'P3', 'A2', 'K1', '50', '2026-04-08'),
    promise('2026-03-13T15:05:00+08:00', 'P4', 'A2', 'K1', '80', '2026-03-15'),
    promise('2026-02-25T10:00:00+08:00', 'P5', 'A1', 'K3', '10', '2026-02-27'),
  ]);
  await api.insert('payment', [
    pay('2026-03-03T12:00:00+08:00', 'Y1', 'K1', '150'),
    pay('2026-03-08T16:01:00Z', 'Y2', 'K1', '50'),
    pay('2026-03-20T10:00:00+08:00', 'Y3', 'K1', '300'),
    pay('2026-03-13T16:00:00Z', 'Y4', 'K3', '100'),
    pay('2026-03-07T10:00:00+08:00', 'Y5', 'K2', '500.50'),
    pay('2026-04-01T00:00:00+08:00', 'Y6', 'K2', '0.25'),
    pay('2026-03-15T10:00:00+08:00', 'Y7', '', '1000'),
  ]);
});
afterAll(() => api.dispose());

const PAGE = `query ($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {
  agentPerformance(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {
    total rows { agentId agentName team attempts rpcs rpcRate promises promiseRate keptRate
      amountCollected casesWorked talkSeconds collectedPerTalkHour violations }
  }
}`;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

const A1 = {
  agentId: 'A1',
  agentName: 'Ann',
  team: 'North',
  attempts: 5,
  rpcs: 2,
  rpcRate: 0.4,
  promises: 2,
  promiseRate: 1,
  keptRate: 0.5,
  amountCollected: 300,
  casesWorked: 2,
  talkSeconds: 960,
  collectedPerTalkHour: 1125,
  violations: 2,
};
const A2 = {
  agentId: 'A2',
  agentName: 'Bob',
  team: 'North',
  attempts: 2,
  rpcs: 2,
  rpcRate: 1,
  promises: 2,
  promiseRate: 1,
  keptRate: 0,
  amountCollected: 300,
  casesWorked: 1,
  talkSeconds: 1800,
  collectedPerTalkHour: 600,
  violations: 0,
};
const A3: Record<string, unknown> = {
  agentId: 'A3',
  agentName: 'Cid',
  team: 'South',
  attempts: 1,
  rpcs: 1,
  rpcRate: 1,
  promises: 0,
  promiseRate: 0,
  keptRate: null,
  amountCollected: 500.5,
  casesWorked: 1,
  talkSeconds: 0,
  collectedPerTalkHour: null,
  violations: 0,
};
const A4: typeof A3 = {
  agentId: 'A4',
  agentName: null,
  team: null,
  attempts: 1,
  rpcs: 0,
  rpcRate: 0,
  promises: 0,
  promiseRate: 0,
  keptRate: null,
  amountCollected: 0,
  casesWorked: 1,
  talkSeconds: 0,
  collectedPerTalkHour: null,
  violations: 0,
};

describe('agentPerformance', () => {
  it('gives every measure per agent, ordered by amount collected then agent id', async () => {
    const data = await api.data<{ agentPerformance: unknown }>(PAGE, MARCH);
    expect(data.agentPerformance).toEqual({ total: 4, rows: [A3, A1, A2, A4] });
  });

  it('filters by team and pages with the total of all pages', async () => {
    const page = await api.data<{ agentPerformance: unknown }>(PAGE, {
      ...MARCH,
      team: 'North',
      limit: 1,
      offset: 1,
    });
    expect(page.agentPerformance).toEqual({ total: 2, rows: [A2] });
    const past = await api.data<{ agentPerformance: unknown }>(PAGE, {
      ...MARCH,
      team: 'North',
      offset: 10,
    });
    expect(past.agentPerformance).toEqual({ total: 2, rows: [] });
    const none = await api.data<{ agentPerformance: unknown }>(PAGE, { ...MARCH, team: 'East' });
    expect(none.agentPerformance).toEqual({ total: 0, rows: [] });
  });

  it('answers filter: { teams } as the deprecated team argument (docs/api.md "Naming")', async () => {
    const byFilter = await api.data<{ agentPerformance: unknown }>(
      PAGE.replace('$team: String', '$filter: PortfolioFilter').replace(
        'team: $team',
        'filter: $filter',
      ),
      { ...MARCH, filter: { teams: ['North'] }, limit: 1, offset: 1 },
    );
    // North: A1 and A2; the second by amount collected is A2, of 2 in all
    expect(byFilter.agentPerformance).toEqual({ total: 2, rows: [A2] });
  });

  it('lists only agents with activity in the period', async () => {
    // February: only A5's attempt and A1's P5 (made 02-25 local) → A1 (0 attempts, 1 promise), A5.
    const data = await api.data<{
      agentPerformance: {
        total: number;
        rows: { agentId: string; attempts: number; promises: number }[];
      };
    }>(PAGE, { from: '2026-02-01', to: '2026-02-28' });
    expect(data.agentPerformance.rows.map((r) => [r.agentId, r.attempts, r.promises])).toEqual([
      ['A1', 0, 1],
      ['A5', 1, 0],
    ]);
  });

  it('adds the partial UTC days at the edges to the whole ones without counting a case twice', async () => {
    // 03-01..03-02 local = [02-28 16:00Z, 03-02 16:00Z): whole UTC day 03-01 (a1), edges
    // 02-28 16:00Z–24:00 (a0) and 03-02 00:00–16:00Z (a2). A1: 3 attempts, 1 RPC (a1),
    // K1 in both parts → 1 case, talk 60 + 300 = 360 s, a0 off hours → 1 violation;
    // P2 made 03-01 (partial: matured, not kept) → 1 promise, rate 1/1, kept 0/1;
    // no payment → 0 collected, 0 per talk hour. Nobody else is active.
    const data = await api.data<{ agentPerformance: unknown }>(PAGE, {
      from: '2026-03-01',
      to: '2026-03-02',
    });
    expect(data.agentPerformance).toEqual({
      total: 1,
      rows: [
        {
          ...A1,
          attempts: 3,
          rpcs: 1,
          rpcRate: 1 / 3,
          promises: 1,
          promiseRate: 1,
          keptRate: 0,
          amountCollected: 0,
          casesWorked: 1,
          talkSeconds: 360,
          collectedPerTalkHour: 0,
          violations: 1,
        },
      ],
    });
    // One local day, 03-01 = [02-28 16:00Z, 03-01 16:00Z), holds no whole UTC day:
    // a0 and a1 only → 2 attempts, 1 RPC, 1 case, 360 s, 1 violation, P2 as above.
    const day = await api.data<{ agentPerformance: unknown }>(PAGE, {
      from: '2026-03-01',
      to: '2026-03-01',
    });
    expect(day.agentPerformance).toEqual({
      total: 1,
      rows: [
        {
          ...A1,
          attempts: 2,
          rpcs: 1,
          rpcRate: 0.5,
          promises: 1,
          promiseRate: 1,
          keptRate: 0,
          amountCollected: 0,
          casesWorked: 1,
          talkSeconds: 360,
          collectedPerTalkHour: 0,
          violations: 1,
        },
      ],
    });
  });

  it('reads whole UTC months, whole days and edges alike', async () => {
    // 02-28..04-01 local = [02-27 16:00Z, 04-01 16:00Z): whole UTC month March, whole
    // day 02-28, edges 02-27 16:00Z–24:00 and 04-01 00:00–16:00Z. Compared with March:
    // A1 also has a5 (03-31 16:30Z = 00:30 local 04-01: off hours, 99 s) → 6 attempts,
    // RPC rate 2/6, talk 1059 s, 3 violations, 300 / (1059 / 3600) = 1019.83 per talk hour; A3 also
    // collects Y6 (03-31 16:00Z) → 500.75. A2 and A4 as in March.
    const data = await api.data<{ agentPerformance: unknown }>(PAGE, {
      from: '2026-02-28',
      to: '2026-04-01',
    });
    expect(data.agentPerformance).toEqual({
      total: 4,
      rows: [
        { ...A3, amountCollected: 500.75 },
        {
          ...A1,
          attempts: 6,
          rpcRate: 2 / 6,
          talkSeconds: 1059,
          collectedPerTalkHour: 1019.83,
          violations: 3,
        },
        A2,
        A4,
      ],
    });
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ from: '2026-03-31', to: '2026-03-01' }, /from \(2026-03-31\) is after to/],
      [{ ...MARCH, limit: 1001 }, /limit must be between 0 and 1000/],
      [{ from: '2026-3-1', to: '2026-03-31' }, /from must be a calendar date/],
    ];
    for (const [variables, message] of cases) {
      const result = await api.run(PAGE, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('teamPerformance', () => {
  it('rolls agents up per team, counting a case once per team', async () => {
    const data = await api.data<{ teamPerformance: unknown }>(
      `query ($from: String!, $to: String!) { teamPerformance(from: $from, to: $to) {
        team agents attempts rpcs rpcRate promises promiseRate keptRate amountCollected
        casesWorked talkSeconds collectedPerTalkHour violations } }`,
      MARCH,
    );
    const teamOf = ({ agentId: _id, agentName: _name, ...rest }: typeof A3) => rest;
    expect(data.teamPerformance).toEqual([
      {
        team: 'North',
        agents: 2,
        attempts: 7,
        rpcs: 4,
        rpcRate: 4 / 7,
        promises: 4,
        promiseRate: 1,
        keptRate: 1 / 3,
        amountCollected: 600,
        casesWorked: 2,
        talkSeconds: 2760,
        collectedPerTalkHour: 782.61,
        violations: 2,
      },
      { ...teamOf(A3), team: 'South', agents: 1 },
      { ...teamOf(A4), team: '', agents: 1 },
    ]);
  });
});

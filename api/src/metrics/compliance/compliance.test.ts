/**
 * Golden tests of the compliance report (docs/metrics/compliance.md) with the default
 * thresholds: local hours 08:00–22:00, ≤ 6 voice attempts per case per local
 * day, ≤ 7 per case in 7 × 24 h. REPORT_TZ = UTC. Times below are UTC unless
 * marked "local". Accounts: SH at +480 (UTC+8), NY at −300 (UTC−5).
 *
 * Case  agent  offset  attempts (voice)                                      violations
 * KH    A1     +8      21:59:59 ok, 22:00 OUT, 07:59 (next day) OUT, 08:00 ok  2
 *                      (+ an sms at 02:00 local: not a voice channel, ignored)
 * KN    A3     −5      field visits 21:30 ok, 22:00 OUT, 08:00 ok              1
 *                      (UTC 02:30 / 03:00 / 13:00: in UTC the first would be out of hours)
 * KD    A2     +8      7 calls on local 03-12 09:00–15:00: the 7th DAILY       1
 *                      (+ an sms that day first: not counted)
 * KL    A3     −5      7 calls on UTC day 03-16 but local days 03-15 (3) and   0
 *                      03-16 (4): no day has a 7th
 * KM    A3     −5      7 calls local 03-17 15:00–21:00 = UTC 03-17 (4) and     1
 *                      03-18 (3): local day has 7 → the 7th DAILY
 * KW1   A1     +8      one call a day 03-01..03-07 02:00, 8th at 03-08 02:00:  0
 *                      exactly 168 h after the first → first is outside (t−168 h, t]: 7 in window
 * KW2   A1     +8      same, 8th at 03-08 01:59:59.999: 8 in window → WEEKLY   1
 * KX    A2     +8      7 calls local 03-20 16:00–22:00: the 7th is OUT and     1 (one violation,
 *                      DAILY                                                     two rules)
 * KU    —      (480)   ivr without agent, case never opened: 15:00 UTC =       1
 *                      23:00 at the default +8 → OUT
 * KZ    —      (480)   ivr, case opened on an account never registered:        1
 *                      03-22 15:00 UTC = 23:00 at the default +8 → OUT
 *
 * Per agent: A1 = KH 4 + KW1 8 + KW2 8 = 20 voice, 2 + 0 + 1 = 3 violations (out 2, weekly 1);
 * A2 = KD 7 + KX 7 = 14, 2 (out 1, daily 2); A3 = KN 3 + KL 7 + KM 7 = 17, 2 (out 1, daily 1);
 * '' = KU + KZ 2, 2 (out 2). Teams: north = A1 + A2 = 34 voice, 5 violations (out 3, daily 2,
 * weekly 1); south = A3; '' = automated. Total 53 voice, 9 violations, rate 9/53.
 * Ties on violations sort by name: agents A1, '', A2, A3; teams north, '', south.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { createTestApi, type TestApi } from '../../testing.ts';
import { complianceAgentsQuery } from './compliance.sql.ts';

let api: TestApi;
let n = 0;
const call = (case_id: string, agent_id: string, at: string, channel = 'call') => ({
  event_id: `c${String(++n).padStart(3, '0')}`,
  occurred_at: at,
  case_id,
  agent_id,
  channel,
  outcome: 'no_answer',
});
const hours = (day: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${day} ${String(from + i).padStart(2, '0')}:00:00.000`);
const daily = (last: string) => [
  ...hours('2026-03-01', 2, 1),
  ...['02', '03', '04', '05', '06', '07'].map((d) => `2026-03-${d} 02:00:00.000`),
  last,
];

beforeAll(async () => {
  api = await createTestApi();
  const account = (account_id: string, utc_offset_minutes: number) => ({
    event_id: `a-${account_id}`,
    occurred_at: '2026-01-01 00:00:00',
    account_id,
    customer_hash: 'h',
    product: 'credit_card',
    portfolio: 'retail',
    region: 'x',
    opened_on: '2025-01-01',
    principal: '1000',
    utc_offset_minutes,
  });
  await api.insert('account_opened', [account('SH', 480), account('NY', -300)]);
  const cases: [string, string][] = [
    ['KH', 'SH'],
    ['KN', 'NY'],
    ['KD', 'SH'],
    ['KL', 'NY'],
    ['KM', 'NY'],
    ['KW1', 'SH'],
    ['KW2', 'SH'],
    ['KX', 'SH'],
    ['KZ', 'GHOST'],
  ];
  await api.insert(
    'case_opened',
    cases.map(([case_id, account_id]) => ({
      event_id: `o-${case_id}`,
      occurred_at: '2026-02-01 00:00:00',
      case_id,
      account_id,
      strategy: 's',
      entry_dpd: 10,
      entry_balance: '100',
    })),
  );
  await api.insert('agent_registered', [
    {
      event_id: 'g1',
      occurred_at: '2026-01-01 00:00:00',
      agent_id: 'A1',
      name: 'Ann',
      team: 'north',
    },
    {
      event_id: 'g2',
      occurred_at: '2026-01-01 00:00:00',
      agent_id: 'A2',
      name: 'Bo',
      team: 'north',
    },
    {
      event_id: 'g3',
      occurred_at: '2026-01-01 00:00:00',
      agent_id: 'A3',
      name: 'Cy',
      team: 'south',
    },
  ]);
  await api.insert('contact_attempt', [
    call('KH', 'A1', '2026-03-10 13:59:59.000'),
    call('KH', 'A1', '2026-03-10 14:00:00.000'),
    call('KH', 'A1', '2026-03-10 23:59:00.000'),
    call('KH', 'A1', '2026-03-11 00:00:00.000'),
    call('KH', 'A1', '2026-03-10 18:00:00.000', 'sms'),
    call('KN', 'A3', '2026-03-10 02:30:00.000', 'field_visit'),
    call('KN', 'A3', '2026-03-10 03:00:00.000', 'field_visit'),
    call('KN', 'A3', '2026-03-10 13:00:00.000', 'field_visit'),
    call('KD', 'A2', '2026-03-12 00:30:00.000', 'sms'),
    ...hours('2026-03-12', 1, 7).map((t) => call('KD', 'A2', t)),
    ...[...hours('2026-03-16', 0, 3), ...hours('2026-03-16', 14, 4)].map((t) =>
      call('KL', 'A3', t),
    ),
    ...[...hours('2026-03-17', 20, 4), ...hours('2026-03-18', 0, 3)].map((t) =>
      call('KM', 'A3', t),
    ),
    ...daily('2026-03-08 02:00:00.000').map((t) => call('KW1', 'A1', t)),
    ...daily('2026-03-08 01:59:59.999').map((t) => call('KW2', 'A1', t)),
    ...hours('2026-03-20', 8, 7).map((t) => call('KX', 'A2', t)),
    call('KU', '', '2026-03-21 15:00:00.000', 'ivr'),
    call('KZ', '', '2026-03-22 15:00:00.000', 'ivr'),
    // April (outside the March period above): KT has 7 calls on local 04-05, the 6th and
    // 7th at the same millisecond; ranked by event_id, only the later id (c998) is the 7th.
    ...hours('2026-04-05', 1, 5).map((t) => call('KT', 'A1', t)),
    { ...call('KT', 'A1', '2026-04-05 06:00:00.000'), event_id: 'c997' },
    { ...call('KT', 'A1', '2026-04-05 06:00:00.000'), event_id: 'c998' },
  ]);
});
afterAll(() => api.dispose());

const REPORT = `query ($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {
  complianceReport(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {
    voiceAttempts violations violationRate outsideHours overDailyLimit overWeeklyLimit
    thresholds { startHour endHour maxPerDay maxPer7Days }
    agents { agentId agentName team voiceAttempts violations outsideHours overDailyLimit overWeeklyLimit }
    teams { team voiceAttempts violations violationRate outsideHours overDailyLimit overWeeklyLimit }
  }
}`;
const PAGE = `query ($from: String!, $to: String!, $limit: Int, $offset: Int) {
  complianceReport(from: $from, to: $to, limit: $limit, offset: $offset) {
    offendingAttempts { total rows { eventId caseId agentId team channel occurredAt localTime utcOffsetMinutes attemptOfDay attemptsIn7Days rules } }
  }
}`;
type Report = {
  complianceReport: Record<string, unknown> & { agents: unknown[]; teams: unknown[] };
};
type Page = {
  complianceReport: {
    offendingAttempts: { total: number; rows: Record<string, unknown>[] };
  };
};
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('complianceReport (docs/metrics/compliance.md)', () => {
  it('counts violations per agent and team', async () => {
    const { complianceReport: r } = await api.data<Report>(REPORT, MARCH);
    expect(r).toMatchObject({
      voiceAttempts: 53,
      violations: 9,
      outsideHours: 6,
      overDailyLimit: 3,
      overWeeklyLimit: 1,
      thresholds: { startHour: 8, endHour: 22, maxPerDay: 6, maxPer7Days: 7 },
    });
    expect(r.violationRate).toBeCloseTo(9 / 53, 12);
    const counts = (v: number[]) => ({
      voiceAttempts: v[0],
      violations: v[1],
      outsideHours: v[2],
      overDailyLimit: v[3],
      overWeeklyLimit: v[4],
    });
    expect(r.agents).toEqual([
      { agentId: 'A1', agentName: 'Ann', team: 'north', ...counts([20, 3, 2, 0, 1]) },
      { agentId: '', agentName: null, team: '', ...counts([2, 2, 2, 0, 0]) },
      { agentId: 'A2', agentName: 'Bo', team: 'north', ...counts([14, 2, 1, 2, 0]) },
      { agentId: 'A3', agentName: 'Cy', team: 'south', ...counts([17, 2, 1, 1, 0]) },
    ]);
    expect(r.teams).toEqual([
      { team: 'north', violationRate: 5 / 34, ...counts([34, 5, 3, 2, 1]) },
      { team: '', violationRate: 1, ...counts([2, 2, 2, 0, 0]) },
      { team: 'south', violationRate: 2 / 17, ...counts([17, 2, 1, 1, 0]) },
    ]);
  });

  it('lists the offending attempts in time order with the rules each broke', async () => {
    const { complianceReport: r } = await api.data<Page>(PAGE, MARCH);
    expect(r.offendingAttempts.total).toBe(9);
    const brief = r.offendingAttempts.rows.map((v) => [v.caseId, v.localTime, v.rules]);
    expect(brief).toEqual([
      ['KW2', '2026-03-08 09:59:59', ['WEEKLY_LIMIT']],
      ['KN', '2026-03-09 22:00:00', ['OUTSIDE_HOURS']],
      ['KH', '2026-03-10 22:00:00', ['OUTSIDE_HOURS']],
      ['KH', '2026-03-11 07:59:00', ['OUTSIDE_HOURS']],
      ['KD', '2026-03-12 15:00:00', ['DAILY_LIMIT']],
      ['KM', '2026-03-17 21:00:00', ['DAILY_LIMIT']],
      ['KX', '2026-03-20 22:00:00', ['OUTSIDE_HOURS', 'DAILY_LIMIT']],
      ['KU', '2026-03-21 23:00:00', ['OUTSIDE_HOURS']],
      ['KZ', '2026-03-22 23:00:00', ['OUTSIDE_HOURS']],
    ]);
    expect(r.offendingAttempts.rows[0]).toMatchObject({
      agentId: 'A1',
      team: 'north',
      channel: 'call',
      occurredAt: '2026-03-08T01:59:59.999Z',
      utcOffsetMinutes: 480,
      attemptsIn7Days: 8,
    });
    expect(r.offendingAttempts.rows[1]).toMatchObject({ utcOffsetMinutes: -300, attemptOfDay: 2 });
    expect(r.offendingAttempts.rows[4]).toMatchObject({ attemptOfDay: 7, attemptsIn7Days: 7 });
    expect(r.offendingAttempts.rows[7]).toMatchObject({ agentId: '', utcOffsetMinutes: 480 });
    expect(r.offendingAttempts.rows[8]).toMatchObject({ agentId: '', utcOffsetMinutes: 480 });
  });

  it('pages the offending attempts', async () => {
    const { complianceReport: r } = await api.data<Page>(PAGE, { ...MARCH, limit: 3, offset: 2 });
    expect(r.offendingAttempts.total).toBe(9);
    expect(r.offendingAttempts.rows.map((v) => [v.caseId, v.localTime])).toEqual([
      ['KH', '2026-03-10 22:00:00'],
      ['KH', '2026-03-11 07:59:00'],
      ['KD', '2026-03-12 15:00:00'],
    ]);
  });

  it('counts history before the period: 7 × 24 h window edge, exactly 168 h is outside', async () => {
    // Period 03-08 only: the 8th calls of KW1 (7 in window) and KW2 (8 in window).
    const { complianceReport: r } = await api.data<Page>(PAGE, {
      from: '2026-03-08',
      to: '2026-03-08',
    });
    expect(r.offendingAttempts.rows.map((v) => [v.caseId, v.attemptsIn7Days])).toEqual([
      ['KW2', 8],
    ]);
    const report = await api.data<Report>(REPORT, { from: '2026-03-08', to: '2026-03-08' });
    expect(report.complianceReport).toMatchObject({ voiceAttempts: 2, violations: 1 });
  });

  it('ranks attempts at the same millisecond by event_id', async () => {
    const { complianceReport: r } = await api.data<Page>(PAGE, {
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(r.offendingAttempts.rows).toEqual([
      expect.objectContaining({
        eventId: 'c998',
        attemptOfDay: 7,
        attemptsIn7Days: 7,
        rules: ['DAILY_LIMIT'],
      }),
    ]);
  });

  it('filters by team', async () => {
    const { complianceReport: r } = await api.data<Report>(REPORT, { ...MARCH, team: 'south' });
    expect(r).toMatchObject({ voiceAttempts: 17, violations: 2 });
    expect(r.agents).toHaveLength(1);
  });

  it('answers filter: { teams } and { agents } as the deprecated team and agentId (docs/api.md "Naming")', async () => {
    const withFilter = REPORT.replace('$team: String', '$filter: PortfolioFilter').replace(
      'team: $team',
      'filter: $filter',
    );
    const byTeam = await api.data<Report>(REPORT, { ...MARCH, team: 'south' });
    const byFilter = await api.data<Report>(withFilter, { ...MARCH, filter: { teams: ['south'] } });
    // south is A3 alone: 17 voice attempts, 2 violations
    expect(byFilter.complianceReport).toMatchObject({ voiceAttempts: 17, violations: 2 });
    expect(byFilter).toEqual(byTeam);
    const byAgentId = await api.data<Report>(
      REPORT.replace('$team: String', '$agentId: String').replace(
        'team: $team',
        'agentId: $agentId',
      ),
      { ...MARCH, agentId: 'A3' },
    );
    const byAgents = await api.data<Report>(withFilter, { ...MARCH, filter: { agents: ['A3'] } });
    expect(byAgents.complianceReport).toMatchObject({ voiceAttempts: 17, violations: 2 });
    expect(byAgents).toEqual(byAgentId);
  });

  it('takes the thresholds from configuration', async () => {
    const run = async (env: Record<string, number>) => {
      const rows = await queryRows<{ violations: string; over_daily: string }>(
        api.db,
        complianceAgentsQuery({ ...MARCH, tz: 'UTC', env: { ...api.env, ...env } }).query,
        complianceAgentsQuery({ ...MARCH, tz: 'UTC', env: { ...api.env, ...env } }).query_params,
      );
      return {
        violations: rows.reduce((s, r) => s + Number(r.violations), 0),
        overDaily: rows.reduce((s, r) => s + Number(r.over_daily), 0),
      };
    };
    // All hours allowed, 7 a day, 8 a week: nothing breaks (KW2 has exactly 8 in its window).
    expect(
      await run({
        COMPLIANCE_START_HOUR: 0,
        COMPLIANCE_END_HOUR: 24,
        COMPLIANCE_MAX_PER_DAY: 7,
        COMPLIANCE_MAX_PER_7D: 8,
      }),
    ).toEqual({ violations: 0, overDaily: 0 });
    // 5 a day: the 6th and 7th of KD, KM and KX → 6 (KL's local days have 3 and 4).
    expect((await run({ COMPLIANCE_MAX_PER_DAY: 5 })).overDaily).toBe(6);
  });

  it('shows the offending attempts to analysts, not to viewers', async () => {
    const viewer = await api.run(PAGE, MARCH, 'viewer');
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const aggregates = await api.run<Report>(REPORT, MARCH, 'viewer');
    expect(aggregates.errors).toBeUndefined();
    const analyst = await api.run<Page>(PAGE, MARCH, 'analyst');
    expect(analyst.data?.complianceReport.offendingAttempts.total).toBe(9);
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    for (const vars of [
      { from: '2026-03-31', to: '2026-03-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      { ...MARCH, limit: 1001 },
      { ...MARCH, offset: -1 },
    ]) {
      const result = await api.run(REPORT, vars);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

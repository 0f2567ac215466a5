/**
 * Explore's contact-side measures (docs/metrics/explore.md "Contact, agent and
 * experiment measures") against channelEffectiveness, contactWindows,
 * agentPerformance, teamPerformance, complianceReport and strategyComparison;
 * the fixture of explore-contact*.int.test.ts, for COMPLIANCE_MAX_PER_DAY 2 and
 * COMPLIANCE_MAX_PER_7D 3 (CONTACT_FIXTURE_ENV; hours 08–22).
 *
 * Accounts: A1 north (offset 480), A2 south (offset 60). Agents G1 red, G2 blue.
 * Cases: K1 A1 early_call, experiment X1 champion, entry 1000, opened 01-02, holder G1;
 *   K2 A2 sms_first, X1 challenger, entry 2000, opened 01-02, holder G2;
 *   K3 A1 early_call, no experiment, entry 500, opened 01-03, no holder;
 *   K4 A2 sms_first, X1 challenger, entry 400, opened 01-25, no holder. K1 cured 01-06 13:00.
 * Attempts (UTC → local; # on the case in its local day / in 7 × 24 h):
 * | # | at          | case | agent | channel     | outcome             | cost | s   | local     |
 * |---|-------------|------|-------|-------------|---------------------|------|-----|-----------|
 * | 1 | 01-05 01:00 | K1   | G1    | call        | right_party_contact | 2    | 120 | Mon 09:00 1/1 |
 * | 2 | 01-05 02:00 | K1   | G1    | call        | promise_to_pay      | 2    | 60  | Mon 10:00 2/2 |
 * | 3 | 01-05 03:00 | K1   | G1    | call        | no_answer           | 1    | 0   | Mon 11:00 3/3 daily |
 * | 4 | 01-05 14:00 | K1   | —     | ivr         | no_answer           | 0.1  | 0   | Mon 22:00 4/4 hours, daily, weekly |
 * | 5 | 01-06 09:00 | K2   | G2    | call        | right_party_contact | 2    | 300 | Tue 10:00 1/1 |
 * | 6 | 01-06 09:30 | K2   | —     | sms         | delivered           | 0.5  | 0   | (not voice) |
 * | 7 | 01-07 10:00 | K3   | G2    | field_visit | promise_to_pay      | 20   | 900 | Wed 18:00 1/1 |
 * | 8 | 01-07 21:30 | K2   | G1    | call        | busy                | 1    | 0   | Wed 22:30 1/2 hours |
 * Violations: G1 #3, #8 = 2 of 4 voice attempts; '' #4 = 1 of 1; G2 0 of 2.
 * Talk seconds (agents' calls; not #7's visit): G1 120 + 60 = 180; G2 300.
 * Payments: K1 500 01-06 12:00 (latest attempt on K1: #4 ivr, 22 h before → credited to ivr;
 *   holder G1); K2 300 01-10 12:00 (#8 call, 2.6 days → call; holder G2); K3 100 01-20
 *   (#7, 13 days → no channel; no holder); K4 50 01-28 (no attempt, no holder).
 *   Credited: call 1 / 300, ivr 1 / 500.
 * Promises: PT1 K1 G1 200 made 01-05 02:00 due 01-08 (500 on 01-06: kept);
 *   PT2 K3 G2 100 made 01-07 due 01-10 (window to 01-13, paid 01-20: broken).
 * X1 within 30 days (as-of snapshot 02-10: K1, K2 mature, K4 not): early_call K1 recovered
 *   500 of 1000 → 0.5, cost 2 + 2 + 1 + 0.1 = 5.1 per case; sms_first K2 300 of 2000 → 0.15
 *   (K4's 50 of 400 is not mature), cost 2 + 0.5 + 1 = 3.5 per mature case.
 */
import { accountOpened, fixtureEvents, type TestApi } from '../../testing.ts';

/** The thresholds the violations above assume. */
export const CONTACT_FIXTURE_ENV = { COMPLIANCE_MAX_PER_DAY: '2', COMPLIANCE_MAX_PER_7D: '3' };

/** The slices the equality test runs over: the metrics' own, filtered, and a partial period. */
export const CONTACT_SLICES = [
  { from: '2026-01-01', to: '2026-01-31' },
  { from: '2026-01-05', to: '2026-01-06' },
  { from: '2026-01-01', to: '2026-01-31', filter: { regions: ['north'] } },
  { from: '2026-01-01', to: '2026-01-31', filter: { teams: ['red'] } },
  { from: '2026-01-01', to: '2026-01-31', filter: { agents: ['G2'] } },
  { from: '2026-01-01', to: '2026-01-31', filter: { channels: ['call'] } },
  { from: '2026-01-01', to: '2026-01-31', filter: { experiments: ['X1'] } },
];

export async function loadContactFixture(api: TestApi): Promise<void> {
  const ev = fixtureEvents();
  await api.insert('account_opened', [
    { ...accountOpened(ev, 'A1', { region: 'north' }), utc_offset_minutes: 480 },
    { ...accountOpened(ev, 'A2', { region: 'south' }), utc_offset_minutes: 60 },
  ]);
  const agent = (agent_id: string, team: string) =>
    ev('2025-12-01 00:00:00', { agent_id, name: agent_id, team });
  await api.insert('agent_registered', [agent('G1', 'red'), agent('G2', 'blue')]);
  const kase = (
    case_id: string,
    account_id: string,
    day: string,
    strategy: string,
    entry: string,
    experiment = '',
    arm_role = '',
  ) =>
    ev(`${day} 00:00:00`, {
      case_id,
      account_id,
      strategy,
      experiment,
      arm_role,
      entry_dpd: 10,
      entry_balance: entry,
    });
  await api.insert('case_opened', [
    kase('K1', 'A1', '2026-01-02', 'early_call', '1000', 'X1', 'champion'),
    kase('K2', 'A2', '2026-01-02', 'sms_first', '2000', 'X1', 'challenger'),
    kase('K3', 'A1', '2026-01-03', 'early_call', '500'),
    kase('K4', 'A2', '2026-01-25', 'sms_first', '400', 'X1', 'challenger'),
  ]);
  await api.insert('case_assigned', [
    ev('2026-01-02 00:00:00', { case_id: 'K1', agent_id: 'G1' }),
    ev('2026-01-02 00:00:00', { case_id: 'K2', agent_id: 'G2' }),
  ]);
  await api.insert('case_closed', [ev('2026-01-06 13:00:00', { case_id: 'K1', outcome: 'cured' })]);
  const attempt = (
    at: string,
    case_id: string,
    agent_id: string,
    channel: string,
    outcome: string,
    cost: string,
    duration_s = 0,
  ) => ev(`2026-${at}:00`, { case_id, agent_id, channel, outcome, cost, duration_s });
  await api.insert('contact_attempt', [
    attempt('01-05 01:00', 'K1', 'G1', 'call', 'right_party_contact', '2', 120),
    attempt('01-05 02:00', 'K1', 'G1', 'call', 'promise_to_pay', '2', 60),
    attempt('01-05 03:00', 'K1', 'G1', 'call', 'no_answer', '1'),
    attempt('01-05 14:00', 'K1', '', 'ivr', 'no_answer', '0.1'),
    attempt('01-06 09:00', 'K2', 'G2', 'call', 'right_party_contact', '2', 300),
    attempt('01-06 09:30', 'K2', '', 'sms', 'delivered', '0.5'),
    attempt('01-07 10:00', 'K3', 'G2', 'field_visit', 'promise_to_pay', '20', 900),
    attempt('01-07 21:30', 'K2', 'G1', 'call', 'busy', '1'),
  ]);
  const pay = (
    at: string,
    payment_id: string,
    case_id: string,
    account_id: string,
    amount: string,
  ) => ev(`2026-${at}:00`, { payment_id, case_id, account_id, amount });
  await api.insert('payment', [
    pay('01-06 12:00', 'Y1', 'K1', 'A1', '500'),
    pay('01-10 12:00', 'Y2', 'K2', 'A2', '300'),
    pay('01-20 12:00', 'Y3', 'K3', 'A1', '100'),
    pay('01-28 12:00', 'Y4', 'K4', 'A2', '50'),
  ]);
  await api.insert('promise_to_pay', [
    ev('2026-01-05 02:00:00', {
      ptp_id: 'PT1',
      case_id: 'K1',
      agent_id: 'G1',
      amount: '200',
      due_on: '2026-01-08',
    }),
    ev('2026-01-07 10:00:00', {
      ptp_id: 'PT2',
      case_id: 'K3',
      agent_id: 'G2',
      amount: '100',
      due_on: '2026-01-10',
    }),
  ]);
  // the as-of (02-10): K1 … K3 are mature for 30 days, K4 (opened 01-25) is not
  await api.insert('account_snapshot', [
    ev('2026-02-10 01:00:00', {
      account_id: 'A2',
      as_of: '2026-02-10',
      dpd: 0,
      balance: '1',
      amount_due: '0',
    }),
  ]);
}

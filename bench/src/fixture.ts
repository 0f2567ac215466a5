/**
 * A tiny hand-made portfolio whose answers are worked out by hand in
 * metrics/metrics.test.ts: 4 accounts, 3 cases, 2 agents, January–March 2024,
 * plus bad lines (not JSON, unknown type, negative amount, conflicting
 * duplicate) that every engine must skip without changing a number.
 * As-of instant: 2024-03-31T23:00Z (the latest snapshots).
 */
import { writeFileSync } from 'node:fs';

let seq = 0;
const ev = (type: string, occurred_at: string, fields: Record<string, unknown>) =>
  JSON.stringify({ event_id: `e${++seq}`, type, occurred_at, ...fields });

const snap = (
  account_id: string,
  as_of: string,
  dpd: number,
  balance: number,
  status = 'open',
  at = '23:00',
) =>
  ev('account_snapshot', `${as_of}T${at}:00Z`, {
    account_id,
    as_of,
    dpd,
    balance,
    amount_due: 0,
    status,
  });

export function fixtureLines(): string[] {
  seq = 0;
  const lines = [
    ...['a1', 'a2', 'a3', 'a4'].map((a) =>
      ev('account_opened', '2023-06-01T00:00:00Z', {
        account_id: a,
        customer_id: `cust-${a}`,
        product: 'credit_card',
        portfolio: 'retail',
        region: 'north',
        opened_on: '2023-06-01',
        principal: 1000,
      }),
    ),
    ev('agent_registered', '2023-01-01T00:00:00Z', { agent_id: 'g1', name: 'Ann', team: 'T1' }),
    ev('agent_registered', '2023-01-01T00:00:00Z', { agent_id: 'g2', name: 'Bob', team: 'T2' }),
    // a1: M0 → M1 → M0
    snap('a1', '2024-01-31', 0, 1000),
    snap('a1', '2024-02-29', 15, 900),
    snap('a1', '2024-03-31', 0, 800),
    // a2: Jan has three snapshots; the same-day tie goes to the later occurred_at (M3, 530); then charged off
    snap('a2', '2024-01-15', 40, 500),
    snap('a2', '2024-01-31', 45, 520),
    snap('a2', '2024-01-31', 70, 530, 'open', '23:30'),
    snap('a2', '2024-02-29', 70, 530, 'charged_off'),
    snap('a2', '2024-03-31', 70, 530, 'charged_off'),
    // a3: no February snapshot (unobserved), closed in March
    snap('a3', '2024-01-31', 0, 200),
    snap('a3', '2024-03-31', 0, 0, 'closed'),
    // a4: M0 → M0 → M1; its 03-31 charged_off at 22:00 is corrected the same day at 23:00
    // (docs/metrics/README.md#effective-snapshot): never charged off, M1 at the end of March
    snap('a4', '2024-01-31', 0, 300),
    snap('a4', '2024-02-29', 0, 300),
    snap('a4', '2024-03-31', 10, 300, 'charged_off', '22:00'),
    snap('a4', '2024-03-31', 10, 300),
    // c1: champion arm, opened 2024-02-01T00:00Z (written with an offset), cured after 10 days
    ev('case_opened', '2024-02-01T08:00:00+08:00', {
      case_id: 'c1',
      account_id: 'a1',
      strategy: 'sms_first',
      experiment: 'X',
      arm_role: 'champion',
      segment: 'willing_able',
      entry_dpd: 15,
      entry_balance: 900,
    }),
    ev('case_assigned', '2024-02-01T01:00:00Z', { case_id: 'c1', agent_id: 'g1' }),
    ev('contact_attempt', '2024-02-02T10:00:00Z', {
      case_id: 'c1',
      agent_id: 'g1',
      channel: 'call',
      outcome: 'right_party_contact',
      duration_s: 120,
      cost: 1,
    }),
    ev('contact_attempt', '2024-02-02T11:00:00Z', {
      case_id: 'c1',
      channel: 'sms',
      outcome: 'delivered',
      cost: 0.1,
    }),
    ev('promise_to_pay', '2024-02-02T10:05:00Z', {
      ptp_id: 'p1',
      case_id: 'c1',
      agent_id: 'g1',
      amount: 100,
      due_on: '2024-02-05',
    }),
    ev('payment', '2024-02-04T00:00:00Z', {
      payment_id: 'pay1',
      account_id: 'a1',
      case_id: 'c1',
      amount: 60,
    }),
    // exactly at the promise window's end (midnight after 2024-02-05 + 3 days): still counts
    ev('payment', '2024-02-09T00:00:00Z', {
      payment_id: 'pay2',
      account_id: 'a1',
      case_id: 'c1',
      amount: 50,
    }),
    ev('case_closed', '2024-02-11T00:00:00Z', { case_id: 'c1', outcome: 'cured' }),
    // c2: challenger, opened 2024-01-20, reassigned g2 → g1 on 2024-02-10, charged off 2024-02-29
    ev('case_opened', '2024-01-20T00:00:00Z', {
      case_id: 'c2',
      account_id: 'a2',
      strategy: 'early_call',
      experiment: 'X',
      arm_role: 'challenger',
      segment: 'unwilling_able',
      entry_dpd: 45,
      entry_balance: 520,
    }),
    ev('case_assigned', '2024-01-20T00:00:00Z', { case_id: 'c2', agent_id: 'g2' }),
    ev('case_assigned', '2024-02-10T00:00:00Z', { case_id: 'c2', agent_id: 'g1' }),
    ev('contact_attempt', '2024-01-21T09:00:00Z', {
      case_id: 'c2',
      agent_id: 'g2',
      channel: 'call',
      outcome: 'no_answer',
      cost: 0.5,
    }),
    ev('contact_attempt', '2024-01-22T09:00:00Z', {
      case_id: 'c2',
      agent_id: 'g2',
      channel: 'call',
      outcome: 'promise_to_pay',
      duration_s: 300,
      cost: 0.5,
    }),
    ev('promise_to_pay', '2024-01-22T09:10:00Z', {
      ptp_id: 'p2',
      case_id: 'c2',
      agent_id: 'g2',
      amount: 200,
      due_on: '2024-01-25',
    }),
    ev('payment', '2024-01-26T00:00:00Z', {
      payment_id: 'pay3',
      account_id: 'a2',
      case_id: 'c2',
      amount: 50,
    }),
    // at the reassignment instant: attributed to the new holder g1
    ev('payment', '2024-02-10T00:00:00Z', {
      payment_id: 'pay4',
      account_id: 'a2',
      case_id: 'c2',
      amount: 100,
    }),
    ev('case_closed', '2024-02-29T00:00:00Z', { case_id: 'c2', outcome: 'charged_off' }),
    // c3: opened 2024-03-01, still open; its promise is pending at the as-of instant
    ev('case_opened', '2024-03-01T00:00:00Z', {
      case_id: 'c3',
      account_id: 'a4',
      strategy: 'sms_first',
      experiment: 'X',
      entry_dpd: 0,
      entry_balance: 300,
    }),
    ev('promise_to_pay', '2024-03-02T00:00:00Z', {
      ptp_id: 'p3',
      case_id: 'c3',
      agent_id: 'g1',
      amount: 10,
      due_on: '2024-03-30',
    }),
    // a payment with no case: collected, attributed to nobody
    ev('payment', '2024-03-10T00:00:00Z', { payment_id: 'pay5', account_id: 'a3', amount: 20 }),
  ];
  const bad = [
    '{not json',
    ev('mystery_event', '2024-02-01T00:00:00Z', { case_id: 'c1' }),
    ev('payment', '2024-02-05T00:00:00Z', {
      payment_id: 'neg',
      account_id: 'a1',
      case_id: 'c1',
      amount: -5,
    }),
    // conflicting duplicate of pay1 (same event_id, other amount): the first occurrence wins
    lines.find((l) => l.includes('"pay1"'))!.replace('"amount":60', '"amount":999'),
  ];
  return [...lines, ...bad];
}

/** Write the fixture as one NDJSON file and return its path. */
export function writeFixture(path: string): string {
  writeFileSync(path, `${fixtureLines().join('\n')}\n`);
  return path;
}

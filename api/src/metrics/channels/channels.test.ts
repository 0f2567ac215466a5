/**
 * Golden tests of channelEffectiveness (docs/metrics/channel-effectiveness.md), period 2026-04-01..04-30,
 * REPORT_TZ = UTC. Contact = any outcome but no_answer/busy/failed.
 *
 * Case C1 (account AC1, portfolio retail):
 *   call 04-02 10:00 promise_to_pay cost 2.50 | sms 04-03 09:00 delivered 0.05
 *   ivr 04-15 10:00 failed 0.20 | call 04-20 12:00 no_answer 1.00
 *   pay 100 at 04-05 00:00 → latest attempt before it: the sms → sms
 *   pay  50 at 04-27 12:00:00.000 → call 04-20 12:00 exactly 7 × 24 h before → call
 *   pay  30 at 04-27 12:00:00.001 → 1 ms too late → nobody
 * Case C2 (account AC2, portfolio sme):
 *   email 03-31 23:00 opened 0.01 (before the period)
 *   pay  40 at 04-01 01:00 → the email, not in the period → nobody
 *   call 04-10 09:00 right_party_contact 3.00 | call 04-10 09:30 busy 3.00
 *   pay 200 at 04-10 09:30 → the busy call at the same instant → call
 *   field_visit 04-30 23:00 hardship 20.00
 *   pay  60 at 05-01 07:00 → the field visit (payment after the period is fine)
 *   call 05-01 08:00 no_answer 1.00 (after the period)
 *   pay  70 at 05-01 09:00 → that call, not in the period → nobody
 * A payment without case (AC1, 5) → nobody.
 *
 * call: 4 attempts, contacts 2 (ptp, rpc), rpcs 2, promises 1, cost 2.5+1+3+3 = 9.50,
 *       payments 2 = 50 + 200 = 250, cost per collected 9.5/250 = 0.038
 * sms: 1, contacts 1, rpcs 0, cost 0.05, 1 payment of 100, 0.05/100 = 0.0005
 * field_visit: 1, contacts 1, rpcs 1, cost 20, 1 payment of 60, 20/60
 * ivr: 1, contacts 0, cost 0.20, nothing collected → null; email/app_push/letter: zeros
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { createTestApi, type TestApi } from '../../testing.ts';
import { channelEffectivenessQuery, type ChannelRow } from './channels.sql.ts';

let api: TestApi;
let n = 0;
const attempt = (case_id: string, at: string, channel: string, outcome: string, cost: string) => ({
  event_id: `t${++n}`,
  occurred_at: at,
  case_id,
  agent_id: 'A1',
  channel,
  outcome,
  cost,
});
const pay = (case_id: string, account_id: string, at: string, amount: string) => ({
  event_id: `p${++n}`,
  occurred_at: at,
  payment_id: `p${n}`,
  account_id,
  case_id,
  amount,
});

beforeAll(async () => {
  api = await createTestApi();
  const account = (account_id: string, portfolio: string) => ({
    event_id: `a-${account_id}`,
    occurred_at: '2026-01-01 00:00:00',
    account_id,
    customer_hash: 'h',
    product: 'credit_card',
    portfolio,
    region: 'x',
    opened_on: '2025-01-01',
    principal: '1000',
  });
  await api.insert('account_opened', [account('AC1', 'retail'), account('AC2', 'sme')]);
  await api.insert('case_opened', [
    {
      event_id: 'o1',
      occurred_at: '2026-03-01 00:00:00',
      case_id: 'C1',
      account_id: 'AC1',
      strategy: 's',
      entry_dpd: 5,
      entry_balance: '900',
    },
    {
      event_id: 'o2',
      occurred_at: '2026-03-01 00:00:00',
      case_id: 'C2',
      account_id: 'AC2',
      strategy: 's',
      entry_dpd: 5,
      entry_balance: '900',
    },
  ]);
  await api.insert('contact_attempt', [
    attempt('C1', '2026-04-02 10:00:00', 'call', 'promise_to_pay', '2.50'),
    attempt('C1', '2026-04-03 09:00:00', 'sms', 'delivered', '0.05'),
    attempt('C1', '2026-04-15 10:00:00', 'ivr', 'failed', '0.20'),
    attempt('C1', '2026-04-20 12:00:00', 'call', 'no_answer', '1.00'),
    attempt('C2', '2026-03-31 23:00:00', 'email', 'opened', '0.01'),
    attempt('C2', '2026-04-10 09:00:00', 'call', 'right_party_contact', '3.00'),
    attempt('C2', '2026-04-10 09:30:00', 'call', 'busy', '3.00'),
    attempt('C2', '2026-04-30 23:00:00', 'field_visit', 'hardship', '20.00'),
    attempt('C2', '2026-05-01 08:00:00', 'call', 'no_answer', '1.00'),
  ]);
  await api.insert('payment', [
    pay('C1', 'AC1', '2026-04-05 00:00:00', '100'),
    pay('C1', 'AC1', '2026-04-27 12:00:00.000', '50'),
    pay('C1', 'AC1', '2026-04-27 12:00:00.001', '30'),
    pay('C2', 'AC2', '2026-04-01 01:00:00', '40'),
    pay('C2', 'AC2', '2026-04-10 09:30:00', '200'),
    pay('C2', 'AC2', '2026-05-01 07:00:00', '60'),
    pay('C2', 'AC2', '2026-05-01 09:00:00', '70'),
    pay('', 'AC1', '2026-04-05 00:00:00', '5'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
  channelEffectiveness(from: $from, to: $to, filter: $filter) {
    channel attempts contacts contactRate rpcs rpcRate promises payments collected cost costPerCollected
  }
}`;
type Result = { channelEffectiveness: Record<string, unknown>[] };
const APRIL = { from: '2026-04-01', to: '2026-04-30' };
const zero = (channel: string) => ({
  channel,
  attempts: 0,
  contacts: 0,
  contactRate: 0,
  rpcs: 0,
  rpcRate: 0,
  promises: 0,
  payments: 0,
  collected: 0,
  cost: 0,
  costPerCollected: null,
});

describe('channelEffectiveness (docs/metrics/channel-effectiveness.md)', () => {
  it('gives every channel its attempts, rates, credited payments and cost', async () => {
    const { channelEffectiveness: rows } = await api.data<Result>(QUERY, APRIL);
    expect(rows).toEqual([
      {
        channel: 'call',
        attempts: 4,
        contacts: 2,
        contactRate: 0.5,
        rpcs: 2,
        rpcRate: 0.5,
        promises: 1,
        payments: 2,
        collected: 250,
        cost: 9.5,
        costPerCollected: 9.5 / 250,
      },
      {
        channel: 'sms',
        attempts: 1,
        contacts: 1,
        contactRate: 1,
        rpcs: 0,
        rpcRate: 0,
        promises: 0,
        payments: 1,
        collected: 100,
        cost: 0.05,
        costPerCollected: 0.05 / 100,
      },
      zero('email'),
      zero('app_push'),
      zero('letter'),
      {
        channel: 'field_visit',
        attempts: 1,
        contacts: 1,
        contactRate: 1,
        rpcs: 1,
        rpcRate: 1,
        promises: 0,
        payments: 1,
        collected: 60,
        cost: 20,
        costPerCollected: 20 / 60,
      },
      { ...zero('ivr'), attempts: 1, cost: 0.2 },
    ]);
  });

  it('names the amount amountCollected and the ratio costToCollect, as the deprecated names give them (docs/api.md "Naming")', async () => {
    const { channelEffectiveness: rows } = await api.data<Result>(
      `query ($from: String!, $to: String!) {
        channelEffectiveness(from: $from, to: $to) { channel amountCollected collected costToCollect costPerCollected }
      }`,
      APRIL,
    );
    // call: 50 + 200 = 250 collected for 9.50 of cost; sms 100 for 0.05; email nothing (null)
    expect(rows.filter((r) => ['call', 'sms', 'email'].includes(r.channel as string))).toEqual([
      {
        channel: 'call',
        amountCollected: 250,
        collected: 250,
        costToCollect: 9.5 / 250,
        costPerCollected: 9.5 / 250,
      },
      {
        channel: 'sms',
        amountCollected: 100,
        collected: 100,
        costToCollect: 0.05 / 100,
        costPerCollected: 0.05 / 100,
      },
      {
        channel: 'email',
        amountCollected: 0,
        collected: 0,
        costToCollect: null,
        costPerCollected: null,
      },
    ]);
  });

  it('restricts to the portfolio filter (C2 only)', async () => {
    const { channelEffectiveness: rows } = await api.data<Result>(QUERY, {
      ...APRIL,
      filter: { portfolios: ['sme'] },
    });
    // call: the two 04-10 calls (rpc + busy), cost 6, the 200 payment; cost/collected 6/200.
    expect(rows.find((r) => r.channel === 'call')).toEqual({
      channel: 'call',
      attempts: 2,
      contacts: 1,
      contactRate: 0.5,
      rpcs: 1,
      rpcRate: 0.5,
      promises: 0,
      payments: 1,
      collected: 200,
      cost: 6,
      costPerCollected: 0.03,
    });
    expect(rows.find((r) => r.channel === 'sms')).toEqual(zero('sms'));
    expect(rows.find((r) => r.channel === 'field_visit')).toMatchObject({
      payments: 1,
      collected: 60,
    });
  });

  it('takes the period as days of REPORT_TZ', async () => {
    // In Shanghai (UTC+8) the email (03-31 23:00 UTC = 04-01 07:00) is in April and then gets
    // the 40 paid at 04-01 01:00 UTC; the field visit (05-01 07:00 local) falls out.
    const sql = channelEffectivenessQuery({ ...APRIL, tz: 'Asia/Shanghai' });
    const rows = await queryRows<ChannelRow>(api.db, sql.query, sql.query_params);
    const by = new Map(rows.map((r) => [r.channel, r]));
    expect(Number(by.get('email')?.attempts)).toBe(1);
    expect(Number(by.get('email')?.payments)).toBe(1);
    expect(Number(by.get('email')?.collected)).toBe(40);
    expect(by.has('field_visit')).toBe(false);
  });

  it('refuses bad dates with BAD_USER_INPUT', async () => {
    for (const vars of [
      { from: '2026-04-30', to: '2026-04-01' },
      { from: '2026-04', to: '2026-04-30' },
    ]) {
      const result = await api.run(QUERY, vars);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

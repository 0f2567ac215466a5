/**
 * case_outcome_facts and legal_case_facts refresh: each load recomputes the
 * cases it touched from all their events, so late and out-of-order events (a
 * closure after its payments, a late assignment before the close, a late
 * account_opened, a late EARLIER opening that shifts every day offset, a late
 * earlier legal action that moves what counts as recovered) leave one right
 * row per case; a load of later events keeps the per-day sums before its earliest
 * instant (load 4 checks the day it starts in). Every expected number is worked out
 * by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, insertLoad, testLoadId, openTempDb, type TempDb } from '../../testing.ts';
import { refreshDerived } from '../index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const ev = eventMaker();
/** One load: insert rows into their tables, then refresh as the ETL does. */
const load = (load_id: string, rows: Record<string, Record<string, unknown>[]>) =>
  insertLoad(db, load_id, rows);
const L = testLoadId;

const opening = (l: string, at: string, case_id: string) =>
  ev(l, at, {
    case_id,
    account_id: 'AK1',
    strategy: 'soft',
    experiment: 'x1',
    arm_role: 'champion',
    segment: 'retail',
    entry_dpd: 35,
    entry_balance: '1000.00',
  });
const account = (l: string, at: string, product: string) =>
  ev(l, at, {
    account_id: 'AK1',
    customer_hash: 'h',
    product,
    portfolio: 'retail',
    region: 'north',
    opened_on: '2025-01-01',
    principal: '5000',
    risk_grade: 'B',
    customer_name_hash: '',
    phone_hash: '',
    national_id_hash: '',
  });
const pay = (l: string, at: string, case_id: string, amount: string) =>
  ev(l, at, { payment_id: `Y${ev.last()}`, account_id: 'AK1', case_id, amount });
const attempt = (l: string, at: string, cost: string) =>
  ev(l, at, { case_id: 'K1', agent_id: 'AG1', channel: 'call', outcome: 'no_answer', cost });
const assigned = (l: string, at: string, agent_id: string) =>
  ev(l, at, { case_id: 'K1', agent_id });

interface OutcomeFact {
  opened_at: string;
  is_closed: number;
  has_account: number;
  product: string;
  holder_at_close: string;
  recovered: number;
  pay_days: number[];
  pay_amounts: number[];
  cost_days: number[];
  cost_amounts: number[];
}
const outcomeFacts = () =>
  queryRows<OutcomeFact>(
    db,
    `SELECT toString(opened_at) AS opened_at, is_closed, has_account, toString(product) AS product, holder_at_close,
            toFloat64(recovered) AS recovered, pay_days, arrayMap(a -> toFloat64(a), pay_amounts) AS pay_amounts,
            cost_days, arrayMap(a -> toFloat64(a), cost_amounts) AS cost_amounts
     FROM case_outcome_facts ORDER BY case_id`,
  );

describe('case_outcome_facts refresh', () => {
  it('keeps holder at close, recovery, account dimensions and per-day sums right under late events', async () => {
    // Load 1: K1 opens 03-01 10:00 (t0). Payment 50 at t0 (offset 0 → day 0).
    // Attempts: 1.50 on 02-28 13:00 (before t0: left out), 2.00 on 03-02 09:00
    // (23 h → day 1), 3.00 on 03-02 10:00 (exactly 24 h → day 1): day 1 = 5.00.
    // AG1 assigned 03-01 11:00; not closed: holder '', recovered 0. No account yet.
    await load(L(1), {
      case_opened: [opening(L(1), '2026-03-01 10:00:00.000', 'K1')],
      payment: [pay(L(1), '2026-03-01 10:00:00.000', 'K1', '50')],
      contact_attempt: [
        attempt(L(1), '2026-02-28 13:00:00.000', '1.50'),
        attempt(L(1), '2026-03-02 09:00:00.000', '2.00'),
        attempt(L(1), '2026-03-02 10:00:00.000', '3.00'),
      ],
      case_assigned: [assigned(L(1), '2026-03-01 11:00:00.000', 'AG1')],
    });
    const base = {
      opened_at: '2026-03-01 10:00:00.000',
      is_closed: 0,
      has_account: 0,
      product: '',
      holder_at_close: '',
      recovered: 0,
      pay_days: [0],
      pay_amounts: [50],
      cost_days: [1],
      cost_amounts: [5],
    };
    expect(await outcomeFacts()).toEqual([base]);

    // Load 2: the closure 03-20 10:00 'settled'; AG2 assigned 03-25 (after the
    // close: not the holder, AG1 is); payments 30 at 03-10 10:00:00.001
    // (9 d + 1 ms → day 10) and 20 at 03-25 10:00 (24 d → day 24, after the
    // close). recovered = payments in [03-01 10:00, 03-20 10:00] = 50 + 30 = 80.
    // The account arrives: product card.
    await load(L(2), {
      case_closed: [ev(L(2), '2026-03-20 10:00:00.000', { case_id: 'K1', outcome: 'settled' })],
      case_assigned: [assigned(L(2), '2026-03-25 00:00:00.000', 'AG2')],
      payment: [
        pay(L(2), '2026-03-10 10:00:00.001', 'K1', '30'),
        pay(L(2), '2026-03-25 10:00:00.000', 'K1', '20'),
      ],
      account_opened: [account(L(2), '2025-01-01 00:00:00.000', 'card')],
    });
    const closed = {
      ...base,
      is_closed: 1,
      has_account: 1,
      product: 'card',
      holder_at_close: 'AG1',
      recovered: 80,
      pay_days: [0, 10, 24],
      pay_amounts: [50, 30, 20],
    };
    expect(await outcomeFacts()).toEqual([closed]);

    // Load 3, all late: AG3 assigned 03-15 (before the close, after AG1: the
    // holder at close); a later account_opened re-brands the product as loan;
    // an EARLIER opening 02-28 12:00 becomes t0, and a payment of 5 at 03-01
    // 09:00 arrives. Offsets from 02-28 12:00: 03-01 09:00 = 21 h → day 1 and
    // 03-01 10:00 = 22 h → day 1 (5 + 50 = 55); 03-10 10:00:00.001 = 9 d 22 h
    // + 1 ms → day 10 (30); 03-25 10:00 = 24 d 22 h → day 25 (20). Attempts:
    // 02-28 13:00 = 1 h → day 1 (1.50); 03-02 09:00 = 1 d 21 h and 03-02 10:00 =
    // 1 d 22 h → day 2 (5.00); a late call costing 0.25 on 03-09 20:00 = 9 d 8 h → day 10.
    // recovered in [02-28 12:00, 03-20 10:00] = 5 + 50 + 30 = 85.
    await load(L(3), {
      case_assigned: [assigned(L(3), '2026-03-15 00:00:00.000', 'AG3')],
      account_opened: [account(L(3), '2025-06-01 00:00:00.000', 'loan')],
      case_opened: [opening(L(3), '2026-02-28 12:00:00.000', 'K1')],
      payment: [pay(L(3), '2026-03-01 09:00:00.000', 'K1', '5')],
      contact_attempt: [attempt(L(3), '2026-03-09 20:00:00.000', '0.25')],
    });
    const late = {
      ...closed,
      opened_at: '2026-02-28 12:00:00.000',
      product: 'loan',
      holder_at_close: 'AG3',
      recovered: 85,
      pay_days: [1, 10, 25],
      pay_amounts: [55, 30, 20],
      cost_days: [1, 2, 10],
      cost_amounts: [1.5, 5, 0.25],
    };
    expect(await outcomeFacts()).toEqual([late]);

    // Load 4, bounded in time: the loads' earliest payment or attempt is on 03-10 (11:00),
    // so from T = 03-10 00:00 (the start of its UTC day) on: K1's arrays are kept before
    // the cut ceil((T − t0) / 24 h) = ceil(9.5 d) = 10 and recomputed from day 10 on, from
    // the events after T − 24 h = 03-09 00:00. Day 10 is (03-09 12:00, 03-10 12:00].
    // Payments: 7 at 03-10 11:00 joins the 30 of 03-10 10:00:00.001 → 37. Costs: 1 at
    // 03-10 12:00 (exactly 10 d → day 10) joins the 0.25 of 03-09 20:00 (read although
    // before T) → 1.25. recovered: 03-10 11:00 is before the close 03-20 10:00 → 85 + 7 = 92.
    await load(L(4), {
      payment: [pay(L(4), '2026-03-10 11:00:00.000', 'K1', '7')],
      contact_attempt: [attempt(L(4), '2026-03-10 12:00:00.000', '1')],
    });
    const bounded = {
      ...late,
      recovered: 92,
      pay_amounts: [55, 37, 20],
      cost_amounts: [1.5, 5, 1.25],
    };
    expect(await outcomeFacts()).toEqual([bounded]);

    // Load 9, a late account_opened alone (a later one: product mortgage). K1 has a row and
    // its opening is not in the load, so its per-day sums are kept from the row; its
    // account dimensions must still come from account_dims, not from the row (loan).
    await load(L(9), { account_opened: [account(L(9), '2025-09-01 00:00:00.000', 'mortgage')] });
    const rebranded = { ...bounded, product: 'mortgage' };
    expect(await outcomeFacts()).toEqual([rebranded]);

    // Refreshing every load again changes nothing (one row per case).
    await refreshDerived(db, { loadIds: [L(1), L(2), L(3), L(4), L(9)] });
    expect(await outcomeFacts()).toEqual([rebranded]);
  });
});

interface LegalFact {
  case_id: string;
  first_at: string;
  stage: string;
  cost: number;
  recovered: number;
  has_opening: number;
  opened_at: string;
}
const legalFacts = () =>
  queryRows<LegalFact>(
    db,
    `SELECT case_id, toString(first_at) AS first_at, toString(stage) AS stage, toFloat64(cost) AS cost,
            toFloat64(recovered) AS recovered, has_opening, if(has_opening, toString(opened_at), '') AS opened_at
     FROM legal_case_facts ORDER BY case_id`,
  );
const legal = (l: string, at: string, case_id: string, action: string, cost: string) =>
  ev(l, at, { case_id, action, cost });

describe('legal_case_facts refresh', () => {
  it('moves the first action, stage, recovery and opening with late events', async () => {
    // Load 4: G1 demand_letter 04-10 (cost 100); payments 40 on 04-09 (before
    // the first action: not recovered) and 60 on 04-12. G2 has a payment but no
    // legal action: no row. No opening for G1 yet.
    await load(L(4), {
      legal_action: [legal(L(4), '2026-04-10 00:00:00.000', 'G1', 'demand_letter', '100')],
      payment: [
        pay(L(4), '2026-04-09 00:00:00.000', 'G1', '40'),
        pay(L(4), '2026-04-12 00:00:00.000', 'G1', '60'),
        pay(L(4), '2026-04-12 00:00:00.000', 'G2', '70'),
      ],
    });
    const g1 = {
      case_id: 'G1',
      first_at: '2026-04-10 00:00:00.000',
      stage: 'demand_letter',
      cost: 100,
      recovered: 60,
      has_opening: 0,
      opened_at: '',
    };
    expect(await legalFacts()).toEqual([g1]);

    // Load 5: a late EARLIER action 'filed' on 04-05 (cost 250): first_at 04-05,
    // so the 04-09 payment now counts (40 + 60 = 100); furthest stage filed (the
    // latest action, demand_letter, is not a withdrawal); cost 350. G1's opening
    // 03-01 arrives.
    await load(L(5), {
      legal_action: [legal(L(5), '2026-04-05 00:00:00.000', 'G1', 'filed', '250')],
      case_opened: [opening(L(5), '2026-03-01 00:00:00.000', 'G1')],
    });
    const g1Filed = {
      ...g1,
      first_at: '2026-04-05 00:00:00.000',
      stage: 'filed',
      cost: 350,
      recovered: 100,
      has_opening: 1,
      opened_at: '2026-03-01 00:00:00.000',
    };
    expect(await legalFacts()).toEqual([g1Filed]);

    // Load 6: withdrawn on 05-01 (cost 0) and a payment of 25 on 05-02: stage
    // withdrawn, recovered 125.
    await load(L(6), {
      legal_action: [legal(L(6), '2026-05-01 00:00:00.000', 'G1', 'withdrawn', '0')],
      payment: [pay(L(6), '2026-05-02 00:00:00.000', 'G1', '25')],
    });
    const g1Withdrawn = { ...g1Filed, stage: 'withdrawn', recovered: 125 };
    expect(await legalFacts()).toEqual([g1Withdrawn]);
  });
});

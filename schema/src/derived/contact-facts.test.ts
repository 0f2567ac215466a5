/**
 * promise_facts, payment_facts and voice_attempts refresh: each load recomputes
 * the keys it touched, so late and out-of-order events (a payment loaded after a
 * later one, a promise loaded after its payments, an assignment or an attempt
 * loaded after the payment it explains, an account loaded after its attempts)
 * leave the same rows as loading everything at once, one row per event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { eventMaker, insertLoad, testLoadId, openTempDb, type TempDb } from '../testing.ts';
import { refreshDerived } from './index.ts';

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

describe('promise_facts', () => {
  const pay = (l: string, at: string, id: string, case_id: string, amount: string) =>
    ev(l, at, { payment_id: id, account_id: 'AC', case_id, amount });
  const ptp = (l: string, at: string, id: string, case_id: string) =>
    ev(l, at, { ptp_id: id, case_id, agent_id: 'A1', amount: '100', due_on: '2026-03-10' });
  const facts = () =>
    queryRows<{ ptp_id: string; pay_at: string[]; pay_amount: number[] }>(
      db,
      `SELECT ptp_id, arrayMap(t -> toString(t), pay_at) AS pay_at, pay_amount FROM promise_facts WHERE case_id LIKE 'PK%' ORDER BY ptp_id`,
    );

  it('keeps each promise with its case payments from the promise on, in time order', async () => {
    // Load 1: P1 on PK1 made 03-01 10:00; a payment on 02-28 is before it (not listed).
    await load(L(1), {
      promise_to_pay: [ptp(L(1), '2026-03-01 10:00:00.000', 'P1', 'PK1')],
      payment: [pay(L(1), '2026-02-28 10:00:00.000', 'Y0', 'PK1', '10')],
    });
    expect(await facts()).toEqual([{ ptp_id: 'P1', pay_at: [], pay_amount: [] }]);
    // Load 2: 50 on 03-03 (PK1); 20 on PK2 on 03-04 whose promise comes later.
    await load(L(2), {
      payment: [
        pay(L(2), '2026-03-03 00:00:00.000', 'Y1', 'PK1', '50'),
        pay(L(2), '2026-03-04 00:00:00.000', 'Y3', 'PK2', '20'),
      ],
    });
    // Load 3: 30 on 03-02 (out of order, before Y1) and P2 on PK2 made 03-02 (after its payment's load).
    await load(L(3), {
      payment: [pay(L(3), '2026-03-02 00:00:00.000', 'Y2', 'PK1', '30')],
      promise_to_pay: [ptp(L(3), '2026-03-02 00:00:00.000', 'P2', 'PK2')],
    });
    // P1: Y2 (03-02, 30) then Y1 (03-03, 50); P2: Y3 (03-04, 20). One row each.
    expect(await facts()).toEqual([
      {
        ptp_id: 'P1',
        pay_at: ['2026-03-02 00:00:00.000', '2026-03-03 00:00:00.000'],
        pay_amount: [30, 50],
      },
      { ptp_id: 'P2', pay_at: ['2026-03-04 00:00:00.000'], pay_amount: [20] },
    ]);
  });
});

describe('payment_facts', () => {
  const facts = () =>
    queryRows<{
      payment_id: string;
      agent_id: string;
      has_attempt: number;
      attempt_at: string;
      attempt_channel: string;
    }>(
      db,
      `SELECT payment_id, agent_id, has_attempt, toString(attempt_at) AS attempt_at, attempt_channel FROM payment_facts
       WHERE payment_id LIKE 'Q%' ORDER BY payment_id`,
    );
  const pay = (l: string, at: string, id: string, case_id: string) =>
    ev(l, at, { payment_id: id, account_id: 'AC', case_id, amount: '10' });
  const attempt = (l: string, at: string, channel: string) =>
    ev(l, at, { case_id: 'QK1', agent_id: 'A1', channel, outcome: 'no_answer' });
  const assign = (l: string, at: string, agent_id: string) =>
    ev(l, at, { case_id: 'QK1', agent_id });
  const EPOCH = '1970-01-01 00:00:00.000';

  it('re-attributes a payment when its assignment or an earlier attempt arrives late', async () => {
    // Load 4: Q1 on QK1 03-05 12:00 with no holder and no attempt yet; Q9 without a case.
    await load(L(4), {
      payment: [
        pay(L(4), '2026-03-05 12:00:00.000', 'Q1', 'QK1'),
        pay(L(4), '2026-03-05 12:00:00.000', 'Q9', ''),
      ],
    });
    expect(await facts()).toEqual([
      { payment_id: 'Q1', agent_id: '', has_attempt: 0, attempt_at: EPOCH, attempt_channel: '' },
      { payment_id: 'Q9', agent_id: '', has_attempt: 0, attempt_at: EPOCH, attempt_channel: '' },
    ]);
    // Load 5: QK1 assigned to A1 on 03-01 and called on 03-04 (both before Q1).
    await load(L(5), {
      case_assigned: [assign(L(5), '2026-03-01 00:00:00.000', 'A1')],
      contact_attempt: [attempt(L(5), '2026-03-04 00:00:00.000', 'call')],
    });
    // Load 6: an sms at 03-05 09:00 (latest before Q1), a call and a reassignment after Q1,
    // and a second payment without a case.
    await load(L(6), {
      contact_attempt: [
        attempt(L(6), '2026-03-05 09:00:00.000', 'sms'),
        attempt(L(6), '2026-03-06 00:00:00.000', 'call'),
      ],
      case_assigned: [assign(L(6), '2026-03-06 00:00:00.000', 'A2')],
      payment: [pay(L(6), '2026-03-07 00:00:00.000', 'Q8', '')],
    });
    expect(await facts()).toEqual([
      {
        payment_id: 'Q1',
        agent_id: 'A1',
        has_attempt: 1,
        attempt_at: '2026-03-05 09:00:00.000',
        attempt_channel: 'sms',
      },
      { payment_id: 'Q8', agent_id: '', has_attempt: 0, attempt_at: EPOCH, attempt_channel: '' },
      { payment_id: 'Q9', agent_id: '', has_attempt: 0, attempt_at: EPOCH, attempt_channel: '' },
    ]);
  });

  it('gives the same rows when a big load is refreshed in ranges of its cases', async () => {
    // Load 11: QK2 assigned to A3 on 03-01, emailed on 03-02, paid (Q2) on 03-03.
    await load(L(11), {
      case_assigned: [ev(L(11), '2026-03-01 00:00:00.000', { case_id: 'QK2', agent_id: 'A3' })],
      contact_attempt: [
        ev(L(11), '2026-03-02 00:00:00.000', {
          case_id: 'QK2',
          agent_id: 'A3',
          channel: 'email',
          outcome: 'delivered',
        }),
      ],
      payment: [pay(L(11), '2026-03-03 00:00:00.000', 'Q2', 'QK2')],
    });
    const before = await facts();
    expect(before.find((f) => f.payment_id === 'Q2')).toEqual({
      payment_id: 'Q2',
      agent_id: 'A3',
      has_attempt: 1,
      attempt_at: '2026-03-02 00:00:00.000',
      attempt_channel: 'email',
    });
    // Loads 4–6 and 11 again, one loaded attempt or payment per slice: 8 of them, whose
    // sorted cases ('', '', QK1 ×4, QK2 ×2) bound the ranges [, QK1), [QK1, QK2),
    // [QK2, …): the payments without a case in the first, each case in one.
    await refreshDerived(db, { loadIds: [L(4), L(5), L(6), L(11)], rowsPerSlice: 1 });
    expect(await facts()).toEqual(before);
    // one row per payment, every one rewritten by that refresh (one refresh id)
    const [rows] = await queryRows<{ n: number; ids: number }>(
      db,
      `SELECT toInt32(count()) AS n, toInt32(uniqExact(refresh_id)) AS ids FROM payment_facts
       WHERE payment_id LIKE 'Q%'`,
    );
    expect(rows).toEqual({ n: 4, ids: 1 });
  });
});

describe('voice_attempts', () => {
  const call = (l: string, at: string, channel = 'call') =>
    ev(l, at, { case_id: 'VK1', agent_id: 'A1', channel, outcome: 'no_answer' });
  const facts = () =>
    queryRows<{
      occurred_at: string;
      utc_offset_minutes: number;
      local_at: string;
      attempt_of_day: number;
      attempts_in_7d: number;
    }>(
      db,
      `SELECT toString(occurred_at) AS occurred_at, utc_offset_minutes, toString(local_at) AS local_at,
              toInt32(attempt_of_day) AS attempt_of_day, toInt32(attempts_in_7d) AS attempts_in_7d
       FROM voice_attempts WHERE case_id = 'VK1' ORDER BY occurred_at`,
    );

  it('recomputes local days when the account arrives late and ordinals when an earlier attempt does', async () => {
    // Load 7: calls at 15:30Z and 16:30Z on 03-01 and an sms (not voice); no case yet
    // → offset 480: local 23:30 on 03-01 and 00:30 on 03-02, two local days.
    await load(L(7), {
      contact_attempt: [
        call(L(7), '2026-03-01 15:30:00.000'),
        call(L(7), '2026-03-01 16:30:00.000'),
        call(L(7), '2026-03-01 17:00:00.000', 'sms'),
      ],
    });
    expect(await facts()).toEqual([
      {
        occurred_at: '2026-03-01 15:30:00.000',
        utc_offset_minutes: 480,
        local_at: '2026-03-01 23:30:00.000',
        attempt_of_day: 1,
        attempts_in_7d: 1,
      },
      {
        occurred_at: '2026-03-01 16:30:00.000',
        utc_offset_minutes: 480,
        local_at: '2026-03-02 00:30:00.000',
        attempt_of_day: 1,
        attempts_in_7d: 2,
      },
    ]);
    // Load 8: the case opens on account VA1, still unknown → 480, nothing changes.
    await load(L(8), {
      case_opened: [
        ev(L(8), '2026-02-20 00:00:00.000', {
          case_id: 'VK1',
          account_id: 'VA1',
          strategy: 's',
          entry_dpd: 5,
          entry_balance: '1',
        }),
      ],
    });
    expect((await facts()).map((f) => f.attempt_of_day)).toEqual([1, 1]);
    // Load 9: account VA1 at UTC+0 and a call at 10:00Z loaded late: all three on local
    // 03-01 → ordinals 1, 2, 3; 7-day counts 1, 2, 3.
    await load(L(9), {
      account_opened: [
        ev(L(9), '2026-01-01 00:00:00.000', {
          account_id: 'VA1',
          customer_hash: 'h',
          product: 'p',
          portfolio: 'p',
          region: 'r',
          opened_on: '2026-01-01',
          principal: '1',
          utc_offset_minutes: 0,
        }),
      ],
      contact_attempt: [call(L(9), '2026-03-01 10:00:00.000')],
    });
    expect(await facts()).toEqual(
      ['10:00', '15:30', '16:30'].map((hm, i) => ({
        occurred_at: `2026-03-01 ${hm}:00.000`,
        utc_offset_minutes: 0,
        local_at: `2026-03-01 ${hm}:00.000`,
        attempt_of_day: i + 1,
        attempts_in_7d: i + 1,
      })),
    );
  });
  it('gives the same rows when a big load is refreshed in ranges of its cases', async () => {
    // Load 10: calls on VK2 and VK3, cases not opened yet (offset 480). VK2: 01:00Z and
    // 02:00Z on 03-05, one local day → ordinals 1, 2 and 7-day counts 1, 2. VK3: 03-01
    // 01:00Z, then 03-09 01:00Z (exactly 8 days later: alone in its 7 days) and 02:00Z.
    const on = (case_id: string, at: string) =>
      ev(L(10), at, { case_id, agent_id: 'A1', channel: 'call', outcome: 'no_answer' });
    await load(L(10), {
      contact_attempt: [
        on('VK2', '2026-03-05 01:00:00.000'),
        on('VK2', '2026-03-05 02:00:00.000'),
        on('VK3', '2026-03-01 01:00:00.000'),
        on('VK3', '2026-03-09 01:00:00.000'),
        on('VK3', '2026-03-09 02:00:00.000'),
      ],
    });
    const rows = () =>
      queryRows<{ case_id: string; at: string; of_day: number; in_7d: number; n: number }>(
        db,
        `SELECT case_id, toString(occurred_at) AS at, toInt32(any(attempt_of_day)) AS of_day,
                toInt32(any(attempts_in_7d)) AS in_7d, toInt32(count()) AS n
         FROM voice_attempts WHERE case_id LIKE 'VK%' GROUP BY case_id, occurred_at ORDER BY case_id, at`,
      );
    const before = await rows();
    const at = (case_id: string, day: string, hm: string, of_day: number, in_7d: number) => ({
      case_id,
      at: `2026-03-${day} ${hm}:00.000`,
      of_day,
      in_7d,
      n: 1,
    });
    expect(before.filter((r) => r.case_id !== 'VK1')).toEqual([
      at('VK2', '05', '01:00', 1, 1),
      at('VK2', '05', '02:00', 2, 2),
      at('VK3', '01', '01:00', 1, 1),
      at('VK3', '09', '01:00', 1, 1),
      at('VK3', '09', '02:00', 2, 2),
    ]);
    // Loads 7–10 again (with openings: every attempt of their cases is recomputed), one
    // loaded voice attempt per slice: 8 attempts whose sorted cases bound the ranges
    // [, VK1), [VK1, VK2), [VK2, VK3), [VK3, …): each case in one range, rows as before.
    await refreshDerived(db, { loadIds: [L(7), L(8), L(9), L(10)], rowsPerSlice: 1 });
    expect(await rows()).toEqual(before);
    // every row was rewritten by that refresh, the older ones deleted (n: 1 above): VK1's
    // (opened in load 7) by its openings pass, VK2's and VK3's (no opening) by its window
    // pass — one refresh id per pass
    const ids = await queryRows<{ c: string; n: number }>(
      db,
      `SELECT if(case_id = 'VK1', 'opened', 'attempts') AS c, toInt32(uniqExact(refresh_id)) AS n
       FROM voice_attempts WHERE case_id LIKE 'VK%' GROUP BY c ORDER BY c`,
    );
    expect(ids).toEqual([
      { c: 'attempts', n: 1 },
      { c: 'opened', n: 1 },
    ]);
    const [all] = await queryRows<{ n: number }>(
      db,
      `SELECT toInt32(uniqExact(refresh_id)) AS n FROM voice_attempts WHERE case_id LIKE 'VK%'`,
    );
    expect(all).toEqual({ n: 2 });
  });
});

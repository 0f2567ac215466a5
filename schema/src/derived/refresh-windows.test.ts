/**
 * The refresh's time windows (docs/decisions/001-refresh-bounded-in-time.md)
 * leave the rows the full refresh would:
 * - voice_attempts, loads of attempts without openings: per case, only the rows
 *   from its first loaded voice attempt to its last + 8 days are rewritten (and
 *   only their older rows deleted); earlier and later rows stand;
 * - agent_day reads the voice rows within the loaded attempts' bounds + 8 days;
 * - agent_case_days rewrites only the (agent, case) pairs whose days changed;
 * - payment_facts, loads of attempts only: the payments at or after a case's
 *   loaded attempts are recomputed, only rows that differ are rewritten; other
 *   loads rewrite the touched cases' payments from the loads' first instant on;
 * - case_outcome_facts, loads of attempts only: a written row keeps every column
 *   but the cost arrays, which are recomputed; a case without a row is computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { eventMaker, insertLoad, openTempDb, testLoadId, type TempDb } from '../testing.ts';
import { refreshDerived } from './index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const ev = eventMaker();
const L = testLoadId;

const call = (l: string, at: string, agent = 'WA1', case_id = 'WK1') =>
  ev(l, at, {
    case_id,
    agent_id: agent,
    channel: 'call',
    outcome: 'no_answer',
    duration_s: 0,
    cost: '1',
  });

const voice = () =>
  queryRows<{ at: string; of_day: number; in_7d: number; n: number }>(
    db,
    `SELECT toString(occurred_at) AS at, toInt32(any(attempt_of_day)) AS of_day,
            toInt32(any(attempts_in_7d)) AS in_7d, toInt32(count()) AS n
     FROM voice_attempts WHERE case_id = 'WK1' GROUP BY occurred_at ORDER BY occurred_at`,
  );

const caseDays = () =>
  queryRows<{ agent_id: string; days: string[]; refresh_id: string }>(
    db,
    `SELECT toString(agent_id) AS agent_id, arrayMap(d -> toString(d), days) AS days,
            toString(refresh_id) AS refresh_id
     FROM agent_case_days WHERE case_id = 'WK1' ORDER BY agent_id`,
  );

const row = (at: string, of_day: number, in_7d: number) => ({
  at: `2026-03-${at}:00.000`,
  of_day,
  in_7d,
  n: 1,
});

describe('voice_attempts after loads of attempts only', () => {
  it('rewrites the rows from the first loaded attempt to the last + 8 days, keeps the rest', async () => {
    // Load 1: account WA at UTC+0 (local = UTC), case WK1 and three calls.
    await insertLoad(db, L(1), {
      account_opened: [
        ev(L(1), '2026-01-01 00:00:00.000', {
          account_id: 'WA',
          customer_hash: 'h',
          product: 'p',
          portfolio: 'p',
          region: 'r',
          opened_on: '2026-01-01',
          principal: '1',
          utc_offset_minutes: 0,
        }),
      ],
      case_opened: [
        ev(L(1), '2026-02-20 00:00:00.000', {
          case_id: 'WK1',
          account_id: 'WA',
          strategy: 's',
          entry_dpd: 5,
          entry_balance: '1',
        }),
      ],
      contact_attempt: [
        call(L(1), '2026-03-01 10:00:00.000'),
        call(L(1), '2026-03-05 10:00:00.000'),
        call(L(1), '2026-03-20 10:00:00.000'),
      ],
    });
    expect(await voice()).toEqual([
      row('01 10:00', 1, 1),
      row('05 10:00', 1, 2),
      row('20 10:00', 1, 1),
    ]);
    const refreshOf = async (at: string) =>
      (
        await queryRows<{ r: string }>(
          db,
          `SELECT toString(refresh_id) AS r FROM voice_attempts WHERE case_id = 'WK1' AND occurred_at = {at:DateTime64(3, 'UTC')}`,
          { at },
        )
      ).map((x) => x.r);
    const written = await refreshOf('2026-03-20 10:00:00.000');

    // Load 2 (attempts only): a call at 03-01 09:00 by another agent, before the first.
    // 03-01 09:00: 1st of its day, 1 in (02-22 09:00, 03-01 09:00];
    // 03-01 10:00: 2nd of the day, 2 in 7 days; 03-05 10:00: (02-26 10:00, 03-05 10:00]
    // holds all three → 3; 03-20 10:00 is > 8 days after 03-01 09:00: kept as it was (1, 1).
    await insertLoad(db, L(2), { contact_attempt: [call(L(2), '2026-03-01 09:00:00.000', 'WA2')] });
    expect(await voice()).toEqual([
      row('01 09:00', 1, 1),
      row('01 10:00', 2, 2),
      row('05 10:00', 1, 3),
      row('20 10:00', 1, 1),
    ]);
    expect(await refreshOf('2026-03-20 10:00:00.000')).toEqual(written); // not rewritten
    const pairsAfterLoad2 = await caseDays();

    // Load 3 (attempts only): a call at 03-13 11:00, out of order. Its own window
    // (03-06 11:00, 03-13 11:00] holds only itself → (1, 1); 03-20 10:00 is within
    // 8 days after it and its window (03-13 10:00, 03-20 10:00] now holds 2 → (1, 2).
    // Rows before 03-13 11:00 are untouched.
    await insertLoad(db, L(3), { contact_attempt: [call(L(3), '2026-03-13 11:00:00.000')] });
    const expected = [
      row('01 09:00', 1, 1),
      row('01 10:00', 2, 2),
      row('05 10:00', 1, 3),
      row('13 11:00', 1, 1),
      row('20 10:00', 1, 2),
    ];
    expect(await voice()).toEqual(expected);

    // agent_case_days: WA1 on WK1 has days 03-01, 03-05, 03-13, 03-20 (one row, rewritten by
    // load 3, which added 03-13); WA2's pair (03-01 only) did not change and kept its row.
    const pairs = await caseDays();
    expect(pairs.map(({ agent_id, days }) => ({ agent_id, days }))).toEqual([
      { agent_id: 'WA1', days: ['2026-03-01', '2026-03-05', '2026-03-13', '2026-03-20'] },
      { agent_id: 'WA2', days: ['2026-03-01'] },
    ]);
    expect(pairs[1]!.refresh_id).toBe(pairsAfterLoad2[1]!.refresh_id);
    expect(pairs[0]!.refresh_id).not.toBe(pairsAfterLoad2[0]!.refresh_id);

    // A retried refresh of load 3 rewrites the same rows (one per attempt).
    await refreshDerived(db, { loadIds: [L(3)] });
    expect(await voice()).toEqual(expected);

    // agent_day (reads voice_attempts within the loaded bounds + 8 days): WA1 on 03-20
    // has one voice attempt with ordinal 1 and 7-day count 2; WA2 on 03-01 one, (1, 1).
    const days = await queryRows<{
      day: string;
      agent_id: string;
      v_of_day: number[];
      v_in_7d: number[];
    }>(
      db,
      `SELECT toString(day) AS day, agent_id, v_of_day, v_in_7d FROM agent_day
       WHERE agent_id IN ('WA1', 'WA2') ORDER BY day, agent_id`,
    );
    expect(days).toEqual([
      { day: '2026-03-01', agent_id: 'WA1', v_of_day: [2], v_in_7d: [2] },
      { day: '2026-03-01', agent_id: 'WA2', v_of_day: [1], v_in_7d: [1] },
      { day: '2026-03-05', agent_id: 'WA1', v_of_day: [1], v_in_7d: [3] },
      { day: '2026-03-13', agent_id: 'WA1', v_of_day: [1], v_in_7d: [1] },
      { day: '2026-03-20', agent_id: 'WA1', v_of_day: [1], v_in_7d: [2] },
    ]);
  });

  it('gives the same rows when a big load of attempts is refreshed in ranges of its cases', async () => {
    // Load 4 (attempts only): WK2 at 01:00Z and 02:00Z on 03-02 and WK3 on 03-03, cases not
    // opened (offset 480: local 09:00, 10:00 on 03-02): WK2 (1, 1), (2, 2); WK3 (1, 1).
    await insertLoad(db, L(4), {
      contact_attempt: [
        call(L(4), '2026-03-02 01:00:00.000', 'WA1', 'WK2'),
        call(L(4), '2026-03-02 02:00:00.000', 'WA1', 'WK2'),
        call(L(4), '2026-03-03 01:00:00.000', 'WA1', 'WK3'),
      ],
    });
    const rows = () =>
      queryRows<{ case_id: string; at: string; of_day: number; in_7d: number; n: number }>(
        db,
        `SELECT case_id, toString(occurred_at) AS at, toInt32(any(attempt_of_day)) AS of_day,
                toInt32(any(attempts_in_7d)) AS in_7d, toInt32(count()) AS n
         FROM voice_attempts GROUP BY case_id, occurred_at ORDER BY case_id, at`,
      );
    const before = await rows();
    expect(before.filter((r) => r.case_id !== 'WK1')).toEqual([
      { case_id: 'WK2', at: '2026-03-02 01:00:00.000', of_day: 1, in_7d: 1, n: 1 },
      { case_id: 'WK2', at: '2026-03-02 02:00:00.000', of_day: 2, in_7d: 2, n: 1 },
      { case_id: 'WK3', at: '2026-03-03 01:00:00.000', of_day: 1, in_7d: 1, n: 1 },
    ]);
    // Loads 2–4 again, one loaded voice attempt per slice: 5 attempts whose sorted cases
    // bound the ranges [, WK1), [WK1, WK2), [WK2, WK3), [WK3, …); the rows stay as they were.
    await refreshDerived(db, { loadIds: [L(2), L(3), L(4)], rowsPerSlice: 1 });
    expect(await rows()).toEqual(before);
  });
});

describe('payment_facts after loads of attempts only', () => {
  const pay = (l: string, at: string, id: string) =>
    ev(l, at, { payment_id: id, account_id: 'WA', case_id: 'WP1', amount: '10' });
  const attempt = (l: string, at: string, channel: string) =>
    ev(l, at, { case_id: 'WP1', agent_id: 'WA1', channel, outcome: 'no_answer' });
  const facts = () =>
    queryRows<{
      payment_id: string;
      attempt_at: string;
      attempt_channel: string;
      refresh_id: string;
    }>(
      db,
      `SELECT payment_id, toString(attempt_at) AS attempt_at, attempt_channel, toString(refresh_id) AS refresh_id
       FROM payment_facts WHERE case_id = 'WP1' ORDER BY payment_id`,
    );

  it('moves only the payments whose latest attempt changed', async () => {
    // Load 4: payments Y1 (03-10 12:00) and Y2 (03-20 12:00), an sms on 03-09: latest for both.
    await insertLoad(db, L(4), {
      payment: [
        pay(L(4), '2026-03-10 12:00:00.000', 'Y1'),
        pay(L(4), '2026-03-20 12:00:00.000', 'Y2'),
      ],
      contact_attempt: [attempt(L(4), '2026-03-09 00:00:00.000', 'sms')],
    });
    const first = await facts();
    expect(first.map((f) => [f.payment_id, f.attempt_at, f.attempt_channel])).toEqual([
      ['Y1', '2026-03-09 00:00:00.000', 'sms'],
      ['Y2', '2026-03-09 00:00:00.000', 'sms'],
    ]);
    // Load 5 (attempts only): a call on 03-15, between them. Y1 (03-10) keeps the sms and
    // its row; Y2 (03-20) now has the call as latest attempt: rewritten, one row.
    await insertLoad(db, L(5), {
      contact_attempt: [attempt(L(5), '2026-03-15 00:00:00.000', 'call')],
    });
    const second = await facts();
    expect(second.map((f) => [f.payment_id, f.attempt_at, f.attempt_channel])).toEqual([
      ['Y1', '2026-03-09 00:00:00.000', 'sms'],
      ['Y2', '2026-03-15 00:00:00.000', 'call'],
    ]);
    expect(second[0]!.refresh_id).toBe(first[0]!.refresh_id);
    expect(second[1]!.refresh_id).not.toBe(first[1]!.refresh_id);
    // Load 6 (attempts only, out of order): an email on 03-05, before both latest attempts:
    // no payment's answer changes, nothing is rewritten.
    await insertLoad(db, L(6), {
      contact_attempt: [attempt(L(6), '2026-03-05 00:00:00.000', 'email')],
    });
    expect(await facts()).toEqual(second);
    // Load 7 (attempts only): a visit at 03-20 12:00 exactly, Y2's instant: at or before it,
    // so Y2's latest attempt; Y1 keeps its row.
    await insertLoad(db, L(7), {
      contact_attempt: [attempt(L(7), '2026-03-20 12:00:00.000', 'field_visit')],
    });
    const last = await facts();
    expect(last.map((f) => [f.payment_id, f.attempt_at, f.attempt_channel])).toEqual([
      ['Y1', '2026-03-09 00:00:00.000', 'sms'],
      ['Y2', '2026-03-20 12:00:00.000', 'field_visit'],
    ]);
    expect(last[0]!.refresh_id).toBe(first[0]!.refresh_id);
  });
});

describe('payment_facts after loads of payments, assignments and attempts', () => {
  const facts = () =>
    queryRows<{ payment_id: string; agent_id: string; attempt_at: string; refresh_id: string }>(
      db,
      `SELECT payment_id, agent_id, toString(attempt_at) AS attempt_at, toString(refresh_id) AS refresh_id
       FROM payment_facts WHERE case_id = 'WM1' ORDER BY payment_id`,
    );
  const pay = (l: string, at: string, id: string) =>
    ev(l, at, { payment_id: id, account_id: 'WA', case_id: 'WM1', amount: '10' });
  const assign = (l: string, at: string, agent_id: string) =>
    ev(l, at, { case_id: 'WM1', agent_id });
  const sms = (l: string, at: string) =>
    ev(l, at, { case_id: 'WM1', agent_id: 'WA1', channel: 'sms', outcome: 'no_answer' });

  it("rewrites the payments from the loads' first instant on and keeps the earlier rows", async () => {
    // Load 12: WM1 assigned to WB1 on 05-01, an sms on 05-02, payments M1 (05-05), M2 (05-20).
    await insertLoad(db, L(12), {
      case_assigned: [assign(L(12), '2026-05-01 00:00:00.000', 'WB1')],
      contact_attempt: [sms(L(12), '2026-05-02 00:00:00.000')],
      payment: [
        pay(L(12), '2026-05-05 00:00:00.000', 'M1'),
        pay(L(12), '2026-05-20 00:00:00.000', 'M2'),
      ],
    });
    const first = await facts();
    expect(first.map((f) => [f.payment_id, f.agent_id])).toEqual([
      ['M1', 'WB1'],
      ['M2', 'WB1'],
    ]);
    // Load 13 (mixed): a reassignment to WB2 on 05-10, an sms on 05-11, payment M3 on 05-25.
    // Its first instant is 05-10: M1 (05-05) cannot move and keeps its row; M2 moves to WB2
    // and the 05-11 sms; M3 is new. One row per payment.
    await insertLoad(db, L(13), {
      case_assigned: [assign(L(13), '2026-05-10 00:00:00.000', 'WB2')],
      contact_attempt: [sms(L(13), '2026-05-11 00:00:00.000')],
      payment: [pay(L(13), '2026-05-25 00:00:00.000', 'M3')],
    });
    const second = await facts();
    expect(second.map((f) => [f.payment_id, f.agent_id, f.attempt_at])).toEqual([
      ['M1', 'WB1', '2026-05-02 00:00:00.000'],
      ['M2', 'WB2', '2026-05-11 00:00:00.000'],
      ['M3', 'WB2', '2026-05-11 00:00:00.000'],
    ]);
    expect(second[0]!.refresh_id).toBe(first[0]!.refresh_id);
    expect(second[1]!.refresh_id).not.toBe(first[1]!.refresh_id);
    // Load 14 (mixed, late): an assignment to WB3 on 05-03, before M1: all three move to
    // WB3 up to the 05-10 reassignment, so M1 only; the rows stay one per payment.
    await insertLoad(db, L(14), {
      case_assigned: [assign(L(14), '2026-05-03 00:00:00.000', 'WB3')],
    });
    const third = await facts();
    expect(third.map((f) => [f.payment_id, f.agent_id])).toEqual([
      ['M1', 'WB3'],
      ['M2', 'WB2'],
      ['M3', 'WB2'],
    ]);
    // A retried refresh of the last load: the same rows, one per payment.
    await refreshDerived(db, { loadIds: [L(14)] });
    expect((await facts()).map((f) => [f.payment_id, f.agent_id])).toEqual(
      third.map((f) => [f.payment_id, f.agent_id]),
    );
  });
});

describe('case_outcome_facts after loads of attempts only', () => {
  const outcome = () =>
    queryRows<{
      case_id: string;
      holder_at_close: string;
      recovered: number;
      pay_days: number[];
      cost_days: number[];
      cost_amounts: number[];
    }>(
      db,
      `SELECT case_id, holder_at_close, toFloat64(recovered) AS recovered, pay_days, cost_days,
              arrayMap(a -> toFloat64(a), cost_amounts) AS cost_amounts
       FROM case_outcome_facts WHERE case_id IN ('WC1', 'WC2') ORDER BY case_id`,
    );
  const attempt = (l: string, at: string, case_id: string, cost: string) =>
    ev(l, at, { case_id, agent_id: 'WA1', channel: 'call', outcome: 'no_answer', cost });
  const opening = (l: string, case_id: string) =>
    ev(l, '2026-04-01 00:00:00.000', {
      case_id,
      account_id: 'WA',
      strategy: 's',
      entry_dpd: 5,
      entry_balance: '1',
    });

  it('recomputes the cost arrays and keeps the other columns; rebuilds a missing row', async () => {
    // Load 8: WC1 and WC2 open 04-01 00:00; WC1 assigned to WA1, pays 40 on 04-03 12:00
    // (day offset ceil(2.5) = 3), closes 04-10; a call costing 2 on 04-02 06:00 (offset 2).
    await insertLoad(db, L(8), {
      case_opened: [opening(L(8), 'WC1'), opening(L(8), 'WC2')],
      case_assigned: [ev(L(8), '2026-04-01 01:00:00.000', { case_id: 'WC1', agent_id: 'WA1' })],
      payment: [
        ev(L(8), '2026-04-03 12:00:00.000', {
          payment_id: 'YC1',
          account_id: 'WA',
          case_id: 'WC1',
          amount: '40',
        }),
      ],
      case_closed: [ev(L(8), '2026-04-10 00:00:00.000', { case_id: 'WC1', outcome: 'settled' })],
      contact_attempt: [attempt(L(8), '2026-04-02 06:00:00.000', 'WC1', '2')],
    });
    const holder = { holder_at_close: 'WA1', recovered: 40, pay_days: [3] };
    expect(await outcome()).toEqual([
      { case_id: 'WC1', ...holder, cost_days: [2], cost_amounts: [2] },
      {
        case_id: 'WC2',
        holder_at_close: '',
        recovered: 0,
        pay_days: [],
        cost_days: [],
        cost_amounts: [],
      },
    ]);
    // WC2's row lost (as by a refresh cut short), then Load 9 (attempts only): WC1 gets a
    // late call costing 3 on 04-01 12:00 (offset ceil(0.5) = 1) and 0.5 on 04-02 07:00
    // (offset 2: 2 + 0.5 = 2.5); WC2 a call costing 1 on 04-05 00:00 (offset 4).
    // WC1 keeps holder, recovered and payment days; WC2 is computed in full.
    await db.client.command({ query: `DELETE FROM case_outcome_facts WHERE case_id = 'WC2'` });
    await insertLoad(db, L(9), {
      contact_attempt: [
        attempt(L(9), '2026-04-01 12:00:00.000', 'WC1', '3'),
        attempt(L(9), '2026-04-02 07:00:00.000', 'WC1', '0.5'),
        attempt(L(9), '2026-04-05 00:00:00.000', 'WC2', '1'),
      ],
    });
    const expected = [
      { case_id: 'WC1', ...holder, cost_days: [1, 2], cost_amounts: [3, 2.5] },
      {
        case_id: 'WC2',
        holder_at_close: '',
        recovered: 0,
        pay_days: [],
        cost_days: [4],
        cost_amounts: [1],
      },
    ];
    expect(await outcome()).toEqual(expected);
    // A retried refresh: the same rows, one per case.
    await refreshDerived(db, { loadIds: [L(9)] });
    expect(await outcome()).toEqual(expected);
  });
});

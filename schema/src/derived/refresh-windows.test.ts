/**
 * Session-5 refresh shortcuts (docs/PERFORMANCE.md "Refresh cost after a load
 * (session 5)") leave the rows the full refresh would:
 * - voice_attempts, loads of attempts without openings: per case, only the rows
 *   from its first loaded voice attempt to its last + 8 days are rewritten (and
 *   only their older rows deleted); earlier and later rows stand;
 * - agent_day reads the voice rows within the loaded attempts' bounds + 8 days.
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
});

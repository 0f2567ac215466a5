/**
 * agent_day, agent_month and agent_case_days refresh: late and out-of-order loads leave the
 * rows that loading everything at once would, one row per key. Offsets: a case
 * without a known account is at UTC+8 (480, docs/etl.md#event-format, default), as in voice_attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { openTempDb, type TempDb } from '../testing.ts';
import { refreshDerived } from './index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

let seq = 0;
const L = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const attempt = (
  load_id: string,
  occurred_at: string,
  agent_id: string,
  case_id: string,
  channel: string,
  outcome: string,
  duration_s: number,
) => ({
  event_id: `e${++seq}`,
  load_id,
  occurred_at,
  agent_id,
  case_id,
  channel,
  outcome,
  duration_s,
});
async function load(load_id: string, rows: Record<string, Record<string, unknown>[]>) {
  for (const [table, values] of Object.entries(rows))
    await db.client.insert({ table, values, format: 'JSONEachRow' });
  await refreshDerived(db, { loadIds: [load_id] });
}

interface DayRow {
  day: string;
  agent_id: string;
  attempts: number;
  rpcs: number;
  talk_seconds: number;
  a_sec: number[];
  a_rpc: number[];
  a_talk: number[];
  a_case: string[];
  v_hour: number[];
  v_of_day: number[];
  v_in_7d: number[];
}
const days = () =>
  queryRows<DayRow>(
    db,
    `SELECT toString(day) AS day, toString(agent_id) AS agent_id, toInt32(attempts) AS attempts,
            toInt32(rpcs) AS rpcs, toInt32(talk_seconds) AS talk_seconds, a_sec, a_rpc, a_talk, a_case,
            v_hour, v_of_day, v_in_7d
     FROM agent_day ORDER BY day, agent_id`,
  );
const months = () =>
  queryRows<{ month: string; agent_id: string; attempts: number; hist: number[][] }>(
    db,
    `SELECT toString(month) AS month, toString(agent_id) AS agent_id, toInt32(attempts) AS attempts,
            arrayMap((h, d, w, n) -> [toInt32(h), toInt32(d), toInt32(w), toInt32(n)], v_hour, v_of_day, v_in_7d, v_n) AS hist
     FROM agent_month ORDER BY month, agent_id`,
  );
const pairs = () =>
  queryRows<{
    agent_id: string;
    case_id: string;
    first_day: string;
    last_day: string;
    days: string[];
  }>(
    db,
    `SELECT toString(agent_id) AS agent_id, case_id, toString(first_day) AS first_day,
            toString(last_day) AS last_day, arrayMap(d -> toString(d), days) AS days
     FROM agent_case_days ORDER BY agent_id, case_id`,
  );

describe('agent_day, agent_month and agent_case_days', () => {
  it('recompute the days and pairs that late attempts and a late account change', async () => {
    // Load 1: GA1 calls GK1 at 03-02 01:00Z (RPC, 100 s; local 09:00 at +8) and texts
    // GK2 at 02:00:00.500Z (30 s, not talk; second of day 7200, the fraction dropped).
    await load(L(1), {
      contact_attempt: [
        attempt(L(1), '2026-03-02 01:00:00.000', 'GA1', 'GK1', 'call', 'right_party_contact', 100),
        attempt(L(1), '2026-03-02 02:00:00.500', 'GA1', 'GK2', 'sms', 'delivered', 30),
      ],
    });
    const ga1Mar2 = {
      day: '2026-03-02',
      agent_id: 'GA1',
      attempts: 2,
      rpcs: 1,
      talk_seconds: 100,
      a_sec: [3600, 7200],
      a_rpc: [1, 0],
      a_talk: [100, 0],
      a_case: ['GK1', 'GK2'],
      v_hour: [9],
      v_of_day: [1],
      v_in_7d: [1],
    };
    expect(await days()).toEqual([ga1Mar2]);
    expect(await months()).toEqual([
      { month: '2026-03-01', agent_id: 'GA1', attempts: 2, hist: [[9, 1, 1, 1]] },
    ]);
    expect(await pairs()).toEqual([
      {
        agent_id: 'GA1',
        case_id: 'GK1',
        first_day: '2026-03-02',
        last_day: '2026-03-02',
        days: ['2026-03-02'],
      },
      {
        agent_id: 'GA1',
        case_id: 'GK2',
        first_day: '2026-03-02',
        last_day: '2026-03-02',
        days: ['2026-03-02'],
      },
    ]);

    // Load 2, out of order: GA2 calls GK1 at 03-01 23:00Z (local 07:00 on 03-02, before
    // GA1's call: GA1's becomes 2nd of the local day and 2nd in 7 days, although GA1 has
    // no attempt in this load), and GA1's call on GK1 at 02-20 12:00Z (20 s, local 20:00;
    // 10 days earlier, outside every 7-day window).
    await load(L(2), {
      contact_attempt: [
        attempt(L(2), '2026-03-01 23:00:00.000', 'GA2', 'GK1', 'call', 'no_answer', 0),
        attempt(L(2), '2026-02-20 12:00:00.000', 'GA1', 'GK1', 'call', 'no_answer', 20),
      ],
    });
    const ga1Feb20 = {
      day: '2026-02-20',
      agent_id: 'GA1',
      attempts: 1,
      rpcs: 0,
      talk_seconds: 20,
      a_sec: [43200],
      a_rpc: [0],
      a_talk: [20],
      a_case: ['GK1'],
      v_hour: [20],
      v_of_day: [1],
      v_in_7d: [1],
    };
    const ga2Mar1 = {
      day: '2026-03-01',
      agent_id: 'GA2',
      attempts: 1,
      rpcs: 0,
      talk_seconds: 0,
      a_sec: [82800],
      a_rpc: [0],
      a_talk: [0],
      a_case: ['GK1'],
      v_hour: [7],
      v_of_day: [1],
      v_in_7d: [1],
    };
    expect(await days()).toEqual([ga1Feb20, ga2Mar1, { ...ga1Mar2, v_of_day: [2], v_in_7d: [2] }]);
    // agent_month: February = GA1's 02-20 row; March = GA2's 03-01 + GA1's 03-02 rows.
    expect(await months()).toEqual([
      { month: '2026-02-01', agent_id: 'GA1', attempts: 1, hist: [[20, 1, 1, 1]] },
      { month: '2026-03-01', agent_id: 'GA1', attempts: 2, hist: [[9, 2, 2, 1]] },
      { month: '2026-03-01', agent_id: 'GA2', attempts: 1, hist: [[7, 1, 1, 1]] },
    ]);
    expect(await pairs()).toEqual([
      {
        agent_id: 'GA1',
        case_id: 'GK1',
        first_day: '2026-02-20',
        last_day: '2026-03-02',
        days: ['2026-02-20', '2026-03-02'],
      },
      {
        agent_id: 'GA1',
        case_id: 'GK2',
        first_day: '2026-03-02',
        last_day: '2026-03-02',
        days: ['2026-03-02'],
      },
      {
        agent_id: 'GA2',
        case_id: 'GK1',
        first_day: '2026-03-01',
        last_day: '2026-03-01',
        days: ['2026-03-01'],
      },
    ]);

    // Load 3: GK1 opens on account GAC1, which is at UTC−1. Local times: 02-20 11:00,
    // GA2 03-01 22:00, GA1 03-02 00:00 → each first of its local day; GA1's 03-02 call
    // still has GA2's 2 h earlier in its 7 days (2), the 02-20 one is alone (1).
    await load(L(3), {
      case_opened: [
        {
          event_id: `e${++seq}`,
          load_id: L(3),
          occurred_at: '2026-02-01 00:00:00.000',
          case_id: 'GK1',
          account_id: 'GAC1',
          strategy: 's',
          entry_dpd: 5,
          entry_balance: '1',
        },
      ],
      account_opened: [
        {
          event_id: `e${++seq}`,
          load_id: L(3),
          occurred_at: '2026-01-01 00:00:00.000',
          account_id: 'GAC1',
          customer_hash: 'h',
          product: 'p',
          portfolio: 'p',
          region: 'r',
          opened_on: '2026-01-01',
          principal: '1',
          utc_offset_minutes: -60,
        },
      ],
    });
    expect(await days()).toEqual([
      { ...ga1Feb20, v_hour: [11] },
      { ...ga2Mar1, v_hour: [22] },
      { ...ga1Mar2, v_hour: [0], v_of_day: [1], v_in_7d: [2] },
    ]);
    expect(await months()).toEqual([
      { month: '2026-02-01', agent_id: 'GA1', attempts: 1, hist: [[11, 1, 1, 1]] },
      { month: '2026-03-01', agent_id: 'GA1', attempts: 2, hist: [[0, 1, 2, 1]] },
      { month: '2026-03-01', agent_id: 'GA2', attempts: 1, hist: [[22, 1, 1, 1]] },
    ]);
  });

  it('refreshed in slices of listed keys (a load with more keys than one parameter holds), the rows are the same', async () => {
    // Loads 1–3 above touched 3 (agent, day) keys in 2 months; refreshing them again
    // with one key per slice rewrites every row (new refresh id, older rows deleted).
    const [beforeDays, beforeMonths] = [await days(), await months()];
    const refreshIds = () =>
      queryRows<{ n: string }>(
        db,
        'SELECT toString(uniqExact(refresh_id)) AS n FROM (SELECT refresh_id FROM agent_day UNION ALL SELECT refresh_id FROM agent_month)',
      );
    await refreshDerived(db, { loadIds: [L(1), L(2), L(3)], rowsPerSlice: 1 });
    expect(await days()).toEqual(beforeDays);
    expect(await months()).toEqual(beforeMonths);
    // one refresh id per table: every row was rewritten by the sliced refresh
    expect(await refreshIds()).toEqual([{ n: '2' }]);
  });
});

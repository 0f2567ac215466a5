/**
 * agent_day's key set for the loads' openings: a late case_opened moves the local time of
 * the case's earlier voice attempts (docs/metrics/agent-performance.md, docs/etl.md
 * "Bounded in time"), so their (agent, day) keys are listed — found in agent_case_days, not
 * by a lookup of the case in every month partition of contact_attempt.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { testLoadId } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';
import { RefreshKeys } from '../keys.ts';
import { loadBounds, loadParams } from '../load-bounds.ts';
import { AGENT_DAYS } from './index.ts';

const db = fileTempDb();

let seq = 0;
const call = (load: number, occurred_at: string, agent_id: string, case_id: string) => ({
  event_id: `a${++seq}`,
  load_id: testLoadId(load),
  occurred_at,
  agent_id,
  case_id,
  channel: 'call',
  outcome: 'no_answer',
  duration_s: 0,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });

describe("agent_day's keys of the loads' openings", () => {
  it('lists the days of the case’s earlier attempts without opening their months', async () => {
    // Load 1: agent A calls K1 on 2026-01-10 10:00 UTC (K1's account unknown: UTC+8, local
    // hour 18); agent B calls K2 in March.
    await insert('contact_attempt', [
      call(1, '2026-01-10 10:00:00', 'A', 'K1'),
      call(1, '2026-03-05 10:00:00', 'B', 'K2'),
    ]);
    await refreshDerived(db, { loadIds: [testLoadId(1)] });
    // Load 2 (March): K1's opening arrives late, on an account at UTC+1, and B calls again.
    await insert('account_opened', [
      {
        event_id: `o${++seq}`,
        load_id: testLoadId(2),
        occurred_at: '2026-01-01 00:00:00',
        account_id: 'X',
        customer_hash: 'h',
        product: 'card',
        portfolio: 'retail',
        region: 'north',
        opened_on: '2026-01-01',
        principal: '100.00',
        risk_grade: 'B',
        utc_offset_minutes: 60,
      },
    ]);
    await insert('case_opened', [
      {
        event_id: `c${++seq}`,
        load_id: testLoadId(2),
        occurred_at: '2026-03-06 09:00:00',
        case_id: 'K1',
        account_id: 'X',
        strategy: 's',
        experiment: '',
        arm_role: '',
        segment: '',
        entry_dpd: 30,
        entry_balance: '100.00',
      },
    ]);
    await insert('contact_attempt', [call(2, '2026-03-06 10:00:00', 'B', 'K2')]);
    await db.client.command({ query: 'OPTIMIZE TABLE contact_attempt FINAL' });

    // The key set reads contact_attempt's March partition only, in its two reads of the
    // loads' rows (the loaded attempts, the loaded voice attempts' cases); looking K1 up
    // in contact_attempt opened January's partition too (3 parts).
    const bounds = await loadBounds(db, [testLoadId(2)]);
    const keys = new RefreshKeys(db, [testLoadId(2)], bounds);
    await keys.need(AGENT_DAYS.uses ?? [], bounds.eventTypes);
    const params = { keysId: keys.id, ...loadParams([testLoadId(2)], bounds) };
    const plan = await queryRows<{ table: string; parts: string }>(
      db,
      `EXPLAIN ESTIMATE ${AGENT_DAYS.select}`,
      params,
    );
    const parts = plan.filter((r) => r.table === 'contact_attempt');
    expect(parts.reduce((n, r) => n + Number(r.parts), 0)).toBe(2);
    const listed = await queryRows<{ key: string; day: string }>(
      db,
      `SELECT DISTINCT key, toString(day) AS day FROM (${AGENT_DAYS.select}) ORDER BY day, key`,
      params,
    );
    // A's January day is listed from agent_case_days (K1's row); B's day of the loads (its
    // call of the 5th, before the loaded one, is not moved by it).
    expect(listed).toEqual([
      { key: 'A', day: '2026-01-10' },
      { key: 'B', day: '2026-03-06' },
    ]);
    await keys.drop();

    // The refresh rewrites A's January day at K1's account's offset: 10:00 UTC + 1 h = 11.
    await refreshDerived(db, { loadIds: [testLoadId(2)] });
    const rows = await queryRows<{ agent_id: string; day: string; v_hour: number[] }>(
      db,
      `SELECT toString(agent_id) AS agent_id, toString(day) AS day, v_hour FROM agent_day
       WHERE agent_id = 'A'`,
    );
    expect(rows).toEqual([{ agent_id: 'A', day: '2026-01-10', v_hour: [11] }]);
  });
});

/**
 * Golden test of VIOLATIONS_SQL (SPEC §4 Compliance) with the default rules:
 * 08:00–22:00 local, 6 per case per local day, 7 per case per 7 × 24 h.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv, queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { VIOLATIONS_SQL, violationParams } from './violations.ts';

let db: TempDb;
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const attempt = (id: string, case_id: string, occurred_at: string, channel = 'call') => ({
  event_id: id,
  occurred_at,
  case_id,
  agent_id: 'A1',
  channel,
  outcome: 'no_answer',
});

beforeAll(async () => {
  db = await openTempDb();
  await insert('account_opened', [
    // AC1 is at UTC+0; K2's account is unknown → default UTC+8.
    {
      event_id: 'ao1',
      occurred_at: '2026-01-01 00:00:00',
      account_id: 'AC1',
      product: 'p',
      portfolio: 'q',
      region: 'r',
      opened_on: '2025-01-01',
      principal: '1',
      utc_offset_minutes: 0,
    },
  ]);
  await insert('case_opened', [
    {
      event_id: 'co1',
      occurred_at: '2026-01-01 00:00:00',
      case_id: 'K1',
      account_id: 'AC1',
      strategy: 's',
      entry_dpd: 1,
      entry_balance: '1',
    },
  ]);
  await insert('contact_attempt', [
    // K1 (UTC+0): 07:59 local → off hours; 21:59 fine; 22:00 off hours.
    attempt('x1', 'K1', '2026-03-01 07:59:00'),
    attempt('x2', 'K1', '2026-03-01 21:59:00'),
    attempt('x3', 'K1', '2026-03-01 22:00:00'),
    // An SMS at 03:00 is not a voice attempt: not listed at all.
    attempt('x4', 'K1', '2026-03-01 03:00:00', 'sms'),
    // K2 (unknown case/account → UTC+8): seven calls on local day 03-02
    // (01:00..07:00 UTC = 09:00..15:00 local): the 7th (y7) breaks the daily rule.
    ...[1, 2, 3, 4, 5, 6, 7].map((h) => attempt(`y${h}`, 'K2', `2026-03-02 0${h}:00:00`)),
    // Next day one more: 8 in (t − 7 d, t] → weekly rule (y8); daily count restarts (1st of 03-03).
    attempt('y8', 'K2', '2026-03-03 01:00:00'),
    // Exactly 7 × 24 h after y1: y1 leaves (t − 168 h, t] → y2..y7, y8, y9 = 8 → violation.
    attempt('y9', 'K2', '2026-03-09 01:00:00'),
    // y1, y2 out → y3..y7 (5) + y8, y9, y10 = 8 → violation.
    attempt('y10', 'K2', '2026-03-09 02:00:00'),
    // y1..y6 out → y7, y8, y9, y10, y11 = 5 → allowed (daily: 4th of local 03-09).
    attempt('y11', 'K2', '2026-03-09 06:30:00'),
  ]);
});
afterAll(() => db.dispose());

describe('VIOLATIONS_SQL', () => {
  it('flags off-hours, the 7th a day and the 8th in 7 × 24 h', async () => {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      `SELECT event_id, off_hours, over_daily, over_weekly, is_violation FROM ${VIOLATIONS_SQL} ORDER BY occurred_at, event_id`,
      violationParams(loadEnv({})),
    );
    const flags = (id: string, o: number, d: number, w: number) => ({
      event_id: id,
      off_hours: o,
      over_daily: d,
      over_weekly: w,
      is_violation: o || d || w ? 1 : 0,
    });
    expect(rows).toEqual([
      flags('x1', 1, 0, 0),
      flags('x2', 0, 0, 0),
      flags('x3', 1, 0, 0),
      flags('y1', 0, 0, 0), // 03-02 01:00 UTC = 09:00 local (UTC+8 default)
      flags('y2', 0, 0, 0),
      flags('y3', 0, 0, 0),
      flags('y4', 0, 0, 0),
      flags('y5', 0, 0, 0),
      flags('y6', 0, 0, 0),
      flags('y7', 0, 1, 0),
      flags('y8', 0, 0, 1),
      flags('y9', 0, 0, 1),
      flags('y10', 0, 0, 1),
      flags('y11', 0, 0, 0),
    ]);
  });
});

/**
 * Migration 722 on a database whose kpi_daily predates contact_cost: days already
 * in the table get their costs, days not written yet get no orphan cost row, and
 * the next refresh of those days leaves one row per dimensions with the same sums.
 *
 * Account A1 (portfolio p), case K1. Calls on K1: 03-01 cost 3 and 4 (RPC), 03-02 cost 5.
 * Before the migration: kpi_daily without the column, and 03-02 not written yet.
 * After it: 03-01 attempts 2, cost 7; no 03-02 row. After refreshing the load again:
 * 03-01 one row (2 attempts, 1 RPC, 7), 03-02 one row (1 attempt, 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { renderMigration } from '../migrate.ts';
import { eventMaker, insertLoad, openTempDb, testLoadId, type TempDb } from '../testing.ts';
import { refreshDerived } from '../derived/index.ts';
import { m722KpiDailyContactCost } from './722-kpi-daily-contact-cost.ts';

let db: TempDb;
const L = testLoadId(722);
const ev = eventMaker();
const call = (at: string, outcome: string, cost: string) =>
  ev(L, at, { case_id: 'K1', agent_id: 'G1', channel: 'call', outcome, cost });

beforeAll(async () => {
  db = await openTempDb();
  await insertLoad(db, L, {
    account_opened: [
      ev(L, '2026-01-01 00:00:00.000', {
        account_id: 'A1',
        customer_hash: 'h',
        product: 'card',
        portfolio: 'p',
        region: 'north',
        opened_on: '2026-01-01',
        principal: '1',
      }),
    ],
    case_opened: [
      ev(L, '2026-02-01 00:00:00.000', {
        case_id: 'K1',
        account_id: 'A1',
        strategy: 's',
        entry_dpd: 10,
        entry_balance: '1',
      }),
    ],
    contact_attempt: [
      call('2026-03-01 09:00:00.000', 'no_answer', '3'),
      call('2026-03-01 10:00:00.000', 'right_party_contact', '4'),
      call('2026-03-02 10:00:00.000', 'no_answer', '5'),
    ],
  });
  // The state before migration 722: no column, and 03-02 not written yet.
  await db.client.command({ query: 'ALTER TABLE kpi_daily DROP COLUMN contact_cost' });
  await db.client.command({
    query: "DELETE FROM kpi_daily WHERE day = '2026-03-02'",
  });
});
afterAll(() => db.dispose());

const rows = () =>
  queryRows<{ day: string; n: number; attempts: number; rpcs: number; cost: number }>(
    db,
    `SELECT toString(day) AS day, toInt32(count()) AS n, toInt32(sum(attempts)) AS attempts,
            toInt32(sum(rpcs)) AS rpcs, toFloat64(sum(contact_cost)) AS cost
     FROM kpi_daily WHERE portfolio = 'p' GROUP BY day ORDER BY day`,
  );

describe('migration 722 (kpi_daily.contact_cost)', () => {
  it('adds the costs of the days already written, and a refresh keeps the sums', async () => {
    for (const query of renderMigration(m722KpiDailyContactCost, { kind: 'single' }))
      await db.client.command({ query });
    // 03-01: the old row (2 attempts, 1 RPC, cost 0) and the cost row (7).
    expect(await rows()).toEqual([{ day: '2026-03-01', n: 2, attempts: 2, rpcs: 1, cost: 7 }]);
    await refreshDerived(db, { loadIds: [L] });
    expect(await rows()).toEqual([
      { day: '2026-03-01', n: 1, attempts: 2, rpcs: 1, cost: 7 },
      { day: '2026-03-02', n: 1, attempts: 1, rpcs: 0, cost: 5 },
    ]);
  });
});

/**
 * kpi_daily refresh: attempts, right-party contacts and collections per UTC day
 * and account dimensions (attempts: of their case's account; payments: of their
 * own account), kept right under late and out-of-order events. Each load is
 * refreshed as the ETL does (refreshDerived: case_dims and account_dims first).
 *
 * Load 1: A1 retail, A2 sme; K1 on A1. Attempts on K1: 03-01 10:00 RPC,
 * 03-01 23:00 no_answer, 03-02 01:00 RPC; on K9 (no case_opened yet) 03-01 12:00.
 * Payments: A1 100.50 (03-01 05:00), A2 20 (03-02 00:00), A3 (no account_opened) 7 (03-02).
 *   03-01: ''/no account 1 attempt · retail 2 attempts, 1 RPC, 100.50
 *   03-02: '' 7 · retail 1 attempt, 1 RPC · sme 20
 * Load 2: K9 opened on A2 (sme) → its 03-01 attempt moves to sme; a late RPC on K1
 *   at 03-01 15:00 → 03-01 retail 3 attempts, 2 RPCs.
 * Load 3: A1 re-opened later as digital, A3 opened as retail → every A1 row moves to
 *   digital and A3's 7 to retail.
 * Contact costs: every call costs 1.25, so a row's contact_cost is 1.25 × its attempts.
 */
import { describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, testLoadId } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';

const db = fileTempDb();

/** When set, kpi_daily's refresh stops after its insert, as a kill before its DELETE would. */
const crash = vi.hoisted(() => ({ beforeDelete: false }));
vi.mock('../refresh-steps.ts', async (original) =>
  (await import('../kill-before-delete.ts')).killBeforeDelete(
    await original(),
    'kpi_daily',
    () => crash.beforeDelete,
  ),
);

const load = (i: number) => testLoadId(10 + i);
const ev = eventMaker();
const opened = (l: string, at: string, account_id: string, portfolio: string) =>
  ev(l, at, {
    account_id,
    customer_hash: 'h',
    product: 'card',
    portfolio,
    region: 'north',
    opened_on: '2025-06-01',
    principal: '1000.00',
    risk_grade: 'B',
  });
const caseOpened = (l: string, at: string, case_id: string, account_id: string) =>
  ev(l, at, { case_id, account_id, strategy: 's', entry_dpd: 10, entry_balance: '100' });
const attempt = (l: string, at: string, case_id: string, outcome: string) =>
  ev(l, at, { case_id, agent_id: 'G1', channel: 'call', outcome, cost: '1.25' });
const pay = (l: string, at: string, account_id: string, amount: string) =>
  ev(l, at, { payment_id: `Y${ev.last()}`, account_id, case_id: '', amount });

const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (...ids: string[]) => refreshDerived(db, { loadIds: ids });

const rows = () =>
  queryRows<{
    day: string;
    portfolio: string;
    attempts: number;
    rpcs: number;
    collected: number;
    contact_cost: number;
  }>(
    db,
    `SELECT toString(day) AS day, portfolio, toInt32(attempts) AS attempts, toInt32(rpcs) AS rpcs,
            toFloat64(collected) AS collected, toFloat64(contact_cost) AS contact_cost
     FROM kpi_daily ORDER BY day, portfolio`,
  );
const row = (day: string, portfolio: string, attempts: number, rpcs: number, collected = 0) => ({
  day: `2026-03-0${day}`,
  portfolio,
  attempts,
  rpcs,
  collected,
  contact_cost: 1.25 * attempts,
});

describe('kpi_daily refresh', () => {
  it('recomputes touched days under late and out-of-order events', async () => {
    await insert('account_opened', [
      opened(load(1), '2025-06-01 00:00:00', 'A1', 'retail'),
      opened(load(1), '2025-06-01 00:00:00', 'A2', 'sme'),
    ]);
    await insert('case_opened', [caseOpened(load(1), '2026-02-01 00:00:00', 'K1', 'A1')]);
    await insert('contact_attempt', [
      attempt(load(1), '2026-03-01 10:00:00', 'K1', 'right_party_contact'),
      attempt(load(1), '2026-03-01 23:00:00', 'K1', 'no_answer'),
      attempt(load(1), '2026-03-02 01:00:00', 'K1', 'promise_to_pay'),
      attempt(load(1), '2026-03-01 12:00:00', 'K9', 'busy'),
    ]);
    await insert('payment', [
      pay(load(1), '2026-03-01 05:00:00', 'A1', '100.50'),
      pay(load(1), '2026-03-02 00:00:00', 'A2', '20'),
      pay(load(1), '2026-03-02 09:00:00', 'A3', '7'),
    ]);
    await refresh(load(1));
    expect(await rows()).toEqual([
      row('1', '', 1, 0),
      row('1', 'retail', 2, 1, 100.5),
      row('2', '', 0, 0, 7),
      row('2', 'retail', 1, 1),
      row('2', 'sme', 0, 0, 20),
    ]);

    await insert('case_opened', [caseOpened(load(2), '2026-02-10 00:00:00', 'K9', 'A2')]);
    await insert('contact_attempt', [attempt(load(2), '2026-03-01 15:00:00', 'K1', 'hardship')]);
    await refresh(load(2));
    expect(await rows()).toEqual([
      row('1', 'retail', 3, 2, 100.5),
      row('1', 'sme', 1, 0),
      row('2', '', 0, 0, 7),
      row('2', 'retail', 1, 1),
      row('2', 'sme', 0, 0, 20),
    ]);

    await insert('account_opened', [
      opened(load(3), '2026-01-01 00:00:00', 'A1', 'digital'),
      opened(load(3), '2025-06-01 00:00:00', 'A3', 'retail'),
    ]);
    await refresh(load(3));
    const final = [
      row('1', 'digital', 3, 2, 100.5),
      row('1', 'sme', 1, 0),
      row('2', 'digital', 1, 1),
      row('2', 'retail', 0, 0, 7),
      row('2', 'sme', 0, 0, 20),
    ];
    // One row per (day, dimensions): the older rows were deleted.
    expect(await rows()).toEqual(final);

    // Refreshing every load again changes nothing.
    await refresh(load(1), load(2), load(3));
    expect(await rows()).toEqual(final);
  });
});

describe('kpi_daily refresh killed before its DELETE', () => {
  it('a payments-only load refreshed again counts each attempt of its days once', async () => {
    // Load 4: A5 retail, K5 on A5, one call on 03-05. Load 5: a payment of A5 on 03-05 only
    // (the payments-only insert takes the day's attempts from the written rows); its first
    // refresh is killed after kpi_daily's insert, leaving 03-05 with two sets of rows.
    await insert('account_opened', [opened(load(4), '2025-06-01 00:00:00', 'A5', 'retail')]);
    await insert('case_opened', [caseOpened(load(4), '2026-03-04 00:00:00', 'K5', 'A5')]);
    await insert('contact_attempt', [attempt(load(4), '2026-03-05 10:00:00', 'K5', 'no_answer')]);
    await refresh(load(4));
    await insert('payment', [pay(load(5), '2026-03-05 12:00:00', 'A5', '30')]);
    crash.beforeDelete = true;
    await refresh(load(5));
    crash.beforeDelete = false;
    const day5 = async () =>
      (await rows())
        .filter((r) => r.day === '2026-03-05')
        .sort((a, b) => a.collected - b.collected);
    expect(await day5()).toEqual([row('5', 'retail', 1, 0, 0), row('5', 'retail', 1, 0, 30)]);
    await refresh(load(5));
    expect(await day5()).toEqual([row('5', 'retail', 1, 0, 30)]);
  });
});

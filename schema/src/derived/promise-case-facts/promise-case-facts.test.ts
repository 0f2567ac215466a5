/**
 * promise_case_facts refresh: each promise with its payment milestones and its
 * case's dimensions, kept right under late and out-of-order events. Each load is
 * refreshed as the ETL does (refreshDerived: promise_facts and case_outcome_facts first).
 *
 * K1 on A1, P1 on K1 for 100 made 03-01 10:00.
 * - load 1: A1 (north), K1, P1 → no payment: both milestones NEVER;
 * - load 2: 60 on 03-03 → first paid 03-03, not kept (60 < 100);
 * - load 3, late: 50 on 03-02 (before the 60) and 30 on 02-28 (before the promise:
 *   ignored) → first paid 03-02; running sum 50, 110 ≥ 100 → kept at 03-03;
 * - load 4: P2 on K1 for 60 made 03-02 12:00, after the 50 → payments from it on:
 *   60 on 03-03 → first paid = kept at 03-03; a later account_opened moves A1 to south;
 * - load 5: P3 on K2, whose case_opened arrives in load 6 → '' then its dimensions.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, testLoadId } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';

const db = fileTempDb();

const load = (i: number) => testLoadId(i);
const ev = eventMaker();
const opened = (l: string, at: string, account_id: string, region: string) =>
  ev(l, at, {
    account_id,
    customer_hash: 'h',
    product: 'card',
    portfolio: 'retail',
    region,
    opened_on: '2025-06-01',
    principal: '1000.00',
    risk_grade: 'B',
  });
const caseOpened = (l: string, at: string, case_id: string, account_id: string) =>
  ev(l, at, { case_id, account_id, strategy: 'early_call', entry_dpd: 35, entry_balance: '500' });
const promise = (l: string, at: string, ptp_id: string, case_id: string, amount: string) =>
  ev(l, at, { ptp_id, case_id, amount, due_on: '2026-03-10' });
const pay = (l: string, at: string, case_id: string, amount: string) =>
  ev(l, at, { payment_id: `Y${ev.last()}`, account_id: 'A1', case_id, amount });

const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (...ids: string[]) => refreshDerived(db, { loadIds: ids });

const NEVER = '2299-12-31 00:00:00.000';
interface Row {
  case_id: string;
  amount: number;
  first_paid_at: string;
  kept_at: string;
  region: string;
  strategy: string;
  entry_dpd: number;
}
const rows = () =>
  queryRows<Row>(
    db,
    `SELECT case_id, toFloat64(amount) AS amount, toString(first_paid_at) AS first_paid_at,
            toString(kept_at) AS kept_at, toString(region) AS region, toString(strategy) AS strategy, entry_dpd
     FROM promise_case_facts ORDER BY made_at`,
  );
const row = (
  case_id: string,
  amount: number,
  first_paid_at: string,
  kept_at: string,
  region: string,
  strategy = 'early_call',
  entry_dpd = 35,
): Row => ({ case_id, amount, first_paid_at, kept_at, region, strategy, entry_dpd });

describe('promise_case_facts refresh', () => {
  it('recomputes the promises of touched cases under late and out-of-order events', async () => {
    await insert('account_opened', [opened(load(1), '2025-06-01 00:00:00', 'A1', 'north')]);
    await insert('case_opened', [caseOpened(load(1), '2026-02-20 00:00:00', 'K1', 'A1')]);
    await insert('promise_to_pay', [promise(load(1), '2026-03-01 10:00:00', 'P1', 'K1', '100')]);
    await refresh(load(1));
    expect(await rows()).toEqual([row('K1', 100, NEVER, NEVER, 'north')]);

    await insert('payment', [pay(load(2), '2026-03-03 09:00:00', 'K1', '60')]);
    await refresh(load(2));
    expect(await rows()).toEqual([row('K1', 100, '2026-03-03 09:00:00.000', NEVER, 'north')]);

    await insert('payment', [
      pay(load(3), '2026-03-02 09:00:00', 'K1', '50'),
      pay(load(3), '2026-02-28 09:00:00', 'K1', '30'),
    ]);
    await refresh(load(3));
    expect(await rows()).toEqual([
      row('K1', 100, '2026-03-02 09:00:00.000', '2026-03-03 09:00:00.000', 'north'),
    ]);

    await insert('promise_to_pay', [promise(load(4), '2026-03-02 12:00:00', 'P2', 'K1', '60')]);
    await insert('account_opened', [opened(load(4), '2026-01-01 00:00:00', 'A1', 'south')]);
    await refresh(load(4));
    expect(await rows()).toEqual([
      row('K1', 100, '2026-03-02 09:00:00.000', '2026-03-03 09:00:00.000', 'south'),
      row('K1', 60, '2026-03-03 09:00:00.000', '2026-03-03 09:00:00.000', 'south'),
    ]);

    await insert('promise_to_pay', [promise(load(5), '2026-03-04 00:00:00', 'P3', 'K2', '10')]);
    await refresh(load(5));
    expect((await rows())[2]).toEqual(row('K2', 10, NEVER, NEVER, '', '', 0));

    await insert('case_opened', [caseOpened(load(6), '2026-03-01 00:00:00', 'K2', 'A1')]);
    await refresh(load(6));
    const final = [
      row('K1', 100, '2026-03-02 09:00:00.000', '2026-03-03 09:00:00.000', 'south'),
      row('K1', 60, '2026-03-03 09:00:00.000', '2026-03-03 09:00:00.000', 'south'),
      row('K2', 10, NEVER, NEVER, 'south'),
    ];
    // one row per promise: the older rows were deleted
    expect(await rows()).toEqual(final);

    // refreshing every load again changes nothing
    await refresh(load(1), load(2), load(3), load(4), load(5), load(6));
    expect(await rows()).toEqual(final);
  });
});

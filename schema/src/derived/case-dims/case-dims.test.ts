/**
 * case_dims refresh: one row per case with its account's dimensions (latest
 * account_opened) and, when its latest closure is `cured`, the M1+ snapshot
 * days of its account from the UTC close day − 1 to + 92, kept right under
 * late and out-of-order openings, closures, account openings and snapshots.
 * Each load is refreshed as the ETL does (refreshDerived: case_facts and
 * account_dims first).
 *
 * K1 on A1 closed cured 2026-03-10 10:00Z → kept snapshot days 03-09 … 06-10.
 * A1 snapshots: 03-09 dpd 40 (M2, first day kept), 03-20 dpd 0 (M0: no),
 * 04-15 closed (no), 05-01 charged_off (yes), 06-11 dpd 5 (one day past: no);
 * later 06-10 dpd 10 (last day kept). Only the cures whose window holds a loaded
 * snapshot's day are rewritten (load 5 checks the window's first day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, testLoadId, openTempDb, type TempDb } from '../../testing.ts';
import { refreshDerived } from '../index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const load = (i: number) => testLoadId(i);
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
const snap = (l: string, account_id: string, as_of: string, dpd: number, status = 'open') =>
  ev(l, `${as_of} 23:00:00`, {
    account_id,
    as_of,
    dpd,
    balance: '500.00',
    amount_due: '0',
    status,
  });
const caseOpened = (l: string, at: string, case_id: string, account_id: string) =>
  ev(l, at, { case_id, account_id, strategy: 's', entry_dpd: 10, entry_balance: '100' });
const caseClosed = (l: string, at: string, case_id: string, outcome: string) =>
  ev(l, at, { case_id, outcome });

const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (...ids: string[]) => refreshDerived(db, { loadIds: ids });

interface Row {
  case_id: string;
  account_id: string;
  has_opened: number;
  portfolio: string;
  outcome: string;
  relapse_days: string[];
}
const rows = () =>
  queryRows<Row>(
    db,
    `SELECT case_id, account_id, has_opened, portfolio, outcome,
            arrayMap(d -> toString(d), relapse_days) AS relapse_days
     FROM case_dims ORDER BY case_id`,
  );
const row = (
  case_id: string,
  account_id: string,
  portfolio: string,
  outcome: string,
  relapse_days: string[] = [],
  has_opened = 1,
): Row => ({ case_id, account_id, has_opened, portfolio, outcome, relapse_days });

describe('case_dims refresh', () => {
  it('recomputes touched cases under late and out-of-order events', async () => {
    // Load 1: A1 (retail), K1 opened and closed cured on 03-10, A1's snapshots.
    await insert('account_opened', [opened(load(1), '2025-06-01 00:00:00', 'A1', 'retail')]);
    await insert('case_opened', [caseOpened(load(1), '2026-02-01 00:00:00', 'K1', 'A1')]);
    await insert('case_closed', [caseClosed(load(1), '2026-03-10 10:00:00', 'K1', 'cured')]);
    await insert('account_snapshot', [
      snap(load(1), 'A1', '2026-03-09', 40),
      snap(load(1), 'A1', '2026-03-20', 0),
      snap(load(1), 'A1', '2026-04-15', 90, 'closed'),
      snap(load(1), 'A1', '2026-05-01', 120, 'charged_off'),
      snap(load(1), 'A1', '2026-06-11', 5),
    ]);
    await refresh(load(1));
    expect(await rows()).toEqual([
      row('K1', 'A1', 'retail', 'cured', ['2026-03-09', '2026-05-01']),
    ]);

    // Load 2: a late M1 snapshot on the last kept day (06-10), loaded after the others.
    await insert('account_snapshot', [snap(load(2), 'A1', '2026-06-10', 10)]);
    await refresh(load(2));
    expect(await rows()).toEqual([
      row('K1', 'A1', 'retail', 'cured', ['2026-03-09', '2026-05-01', '2026-06-10']),
    ]);

    // Load 3: a later account_opened moves A1 to sme (both of its cases follow); K2 on A1
    // closed settled: no relapse days. K3 closed cured before its opening is loaded: no row.
    await insert('account_opened', [opened(load(3), '2026-01-01 00:00:00', 'A1', 'sme')]);
    await insert('case_opened', [caseOpened(load(3), '2026-02-15 00:00:00', 'K2', 'A1')]);
    await insert('case_closed', [
      caseClosed(load(3), '2026-03-01 00:00:00', 'K2', 'settled'),
      caseClosed(load(3), '2026-05-01 12:00:00', 'K3', 'cured'),
    ]);
    await refresh(load(3));
    expect(await rows()).toEqual([
      row('K1', 'A1', 'sme', 'cured', ['2026-03-09', '2026-05-01', '2026-06-10']),
      row('K2', 'A1', 'sme', 'settled'),
    ]);

    // Load 4: K1 closed again (charged_off, 04-01): its latest close is no cure → no days.
    // K3's opening on A3 (no account_opened) with an M2 snapshot of A3 on 05-02.
    await insert('case_closed', [caseClosed(load(4), '2026-04-01 00:00:00', 'K1', 'charged_off')]);
    await insert('case_opened', [caseOpened(load(4), '2026-04-01 00:00:00', 'K3', 'A3')]);
    await insert('account_snapshot', [snap(load(4), 'A3', '2026-05-02', 31)]);
    await refresh(load(4));
    const final = [
      row('K1', 'A1', 'sme', 'charged_off'),
      row('K2', 'A1', 'sme', 'settled'),
      row('K3', 'A3', '', 'cured', ['2026-05-02'], 0),
    ];
    // One row per case: the older rows were deleted.
    expect(await rows()).toEqual(final);

    // Refreshing every load again changes nothing.
    await refresh(load(1), load(2), load(3), load(4));
    expect(await rows()).toEqual(final);

    // Load 5: late M1+ snapshots of A3 around K3's window (cured 05-01 12:00Z → days
    // 04-30 … 07-31): 04-30 (first day kept) joins, 04-29 (one day before) does not, and
    // neither does an M2 snapshot of A1 on 07-31 (K1's latest close is no cure).
    await insert('account_snapshot', [
      snap(load(5), 'A3', '2026-04-30', 35),
      snap(load(5), 'A3', '2026-04-29', 35),
      snap(load(5), 'A1', '2026-07-31', 40),
    ]);
    await refresh(load(5));
    expect(await rows()).toEqual([
      row('K1', 'A1', 'sme', 'charged_off'),
      row('K2', 'A1', 'sme', 'settled'),
      row('K3', 'A3', '', 'cured', ['2026-04-30', '2026-05-02'], 0),
    ]);
  });
  it('takes relapse days from effective snapshots: a same-day correction supersedes', async () => {
    // docs/metrics/README.md#effective-snapshot. K9 on A9 closed cured 2026-03-10 10:00Z →
    // window 03-09 … 06-10. at(day, hh:mm, dpd): an open snapshot of A9.
    const at = (l: string, as_of: string, hhmm: string, dpd: number) =>
      ev(l, `${as_of} ${hhmm}:00`, {
        account_id: 'A9',
        as_of,
        dpd,
        balance: '500.00',
        amount_due: '0',
        status: 'open',
      });
    const k9 = async () => (await rows()).filter((r) => r.case_id === 'K9');
    // Load 11: 04-15 dpd 40 (M2) at 23:00 corrected to dpd 0 at 23:30 → not a relapse day
    // (a day of any M1+ snapshot: 04-15); 05-15 dpd 40 → a relapse day. Days: [05-15].
    await insert('account_opened', [opened(load(11), '2025-06-01 00:00:00', 'A9', 'retail')]);
    await insert('case_opened', [caseOpened(load(11), '2026-02-01 00:00:00', 'K9', 'A9')]);
    await insert('case_closed', [caseClosed(load(11), '2026-03-10 10:00:00', 'K9', 'cured')]);
    await insert('account_snapshot', [
      at(load(11), '2026-04-15', '23:00', 40),
      at(load(11), '2026-04-15', '23:30', 0),
      at(load(11), '2026-05-15', '23:00', 40),
    ]);
    await refresh(load(11));
    expect(await k9()).toEqual([row('K9', 'A9', 'retail', 'cured', ['2026-05-15'])]);
    // Load 12 (the cure's written row is kept, only the loads' days are read): 05-15
    // corrected to dpd 0 at 23:30 → leaves; a late 04-15 dpd 40 at 23:10, superseded on
    // arrival by the written 23:30 correction → stays out; 05-25 dpd 10 → joins.
    // Days: [05-15] − 05-15 + 05-25 = [05-25] (the union of M1+ days: [04-15, 05-15, 05-25]).
    await insert('account_snapshot', [
      at(load(12), '2026-05-15', '23:30', 0),
      at(load(12), '2026-04-15', '23:10', 40),
      at(load(12), '2026-05-25', '23:00', 10),
    ]);
    await refresh(load(12));
    const corrected = [row('K9', 'A9', 'retail', 'cured', ['2026-05-25'])];
    expect(await k9()).toEqual(corrected);
    // One refresh of both loads onto a table without K9's row: the same days.
    await db.client.command({ query: `DELETE FROM case_dims WHERE case_id = 'K9'` });
    await refresh(load(11), load(12));
    expect(await k9()).toEqual(corrected);
  });
});

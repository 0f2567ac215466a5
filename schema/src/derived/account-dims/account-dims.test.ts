/**
 * account_dims refresh: one row per account with its latest account_opened
 * (docs/etl.md#event-format, late dimensions) and its first charged_off snapshot, kept right
 * under late and out-of-order openings and snapshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { openTempDb, type TempDb } from '../../testing.ts';
import { accountDims } from './index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';
const LOAD_3 = '00000000-0000-4000-8000-000000000003';
const load = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let seq = 0;
const opened = (load_id: string, account_id: string, occurred_at: string, portfolio: string) => ({
  event_id: `o${++seq}`,
  occurred_at,
  account_id,
  customer_hash: 'h',
  product: 'card',
  portfolio,
  region: 'north',
  opened_on: '2025-06-01',
  principal: '1000.00',
  risk_grade: 'B',
  utc_offset_minutes: 60,
  load_id,
});
const snapshot = (load_id: string, account_id: string, as_of: string, status: string) => ({
  event_id: `s${++seq}`,
  occurred_at: `${as_of} 23:00:00`,
  account_id,
  as_of,
  dpd: status === 'open' ? 0 : 200,
  balance: '500.00',
  amount_due: '0',
  status,
  load_id,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (loadId: string) => accountDims.refresh(db, { loadIds: [loadId] });

interface Dim {
  account_id: string;
  has_opened: number;
  portfolio: string;
  utc_offset_minutes: number;
  first_charged_off_on: string | null;
}
const dims = () =>
  queryRows<Dim>(
    db,
    `SELECT account_id, has_opened, portfolio, utc_offset_minutes,
            if(isNull(first_charged_off_on), NULL, toString(first_charged_off_on)) AS first_charged_off_on
     FROM account_dims ORDER BY account_id`,
  );
const row = (
  account_id: string,
  portfolio: string,
  first_charged_off_on: string | null = null,
  has_opened = 1,
): Dim => ({
  account_id,
  has_opened,
  portfolio,
  utc_offset_minutes: has_opened ? 60 : 0,
  first_charged_off_on,
});

describe('account_dims refresh (docs/etl.md#event-format, late dimensions)', () => {
  it('recomputes touched accounts under late and out-of-order events', async () => {
    // Load 1: A1 opened (retail), with an open snapshot (no row change); A2 has only a
    // charged_off snapshot on 2026-03-31 (its opening arrives later): a row without
    // dimensions; A3 has only an open snapshot: no row (nothing to know about it).
    await insert('account_opened', [opened(LOAD_1, 'A1', '2026-01-01 10:00:00', 'retail')]);
    await insert('account_snapshot', [
      snapshot(LOAD_1, 'A1', '2026-01-31', 'open'),
      snapshot(LOAD_1, 'A2', '2026-03-31', 'charged_off'),
      snapshot(LOAD_1, 'A3', '2026-03-31', 'open'),
    ]);
    await refresh(LOAD_1);
    expect(await dims()).toEqual([row('A1', 'retail'), row('A2', '', '2026-03-31', 0)]);

    // Load 2: A2's opening (sme); an EARLIER charged_off snapshot of A2 (02-28, loaded
    // after the 03-31 one): first charge-off 02-28. A1 re-opened with an OLDER
    // occurred_at (cards, 2025-12-01): the latest (retail, 2026-01-01) still wins.
    await insert('account_opened', [
      opened(LOAD_2, 'A2', '2026-01-15 10:00:00', 'sme'),
      opened(LOAD_2, 'A1', '2025-12-01 10:00:00', 'cards'),
    ]);
    await insert('account_snapshot', [snapshot(LOAD_2, 'A2', '2026-02-28', 'charged_off')]);
    await refresh(LOAD_2);
    expect(await dims()).toEqual([row('A1', 'retail'), row('A2', 'sme', '2026-02-28')]);

    // Load 3: a LATER account_opened of A1 (cards, 2026-02-01) wins; A1 charged off on 04-30.
    await insert('account_opened', [opened(LOAD_3, 'A1', '2026-02-01 10:00:00', 'cards')]);
    await insert('account_snapshot', [snapshot(LOAD_3, 'A1', '2026-04-30', 'charged_off')]);
    await refresh(LOAD_3);
    const final = [row('A1', 'cards', '2026-04-30'), row('A2', 'sme', '2026-02-28')];
    // One row per account: the older rows were deleted.
    expect(await dims()).toEqual(final);

    // Refreshing every load again changes nothing.
    await accountDims.refresh(db, { loadIds: [LOAD_1, LOAD_2, LOAD_3] });
    expect(await dims()).toEqual(final);
  });

  it('rewrites an account for a charged_off snapshot only when it moves the first charge-off', async () => {
    const written = async (account: string) =>
      queryRows<{ first: string; refresh_id: string }>(
        db,
        `SELECT toString(first_charged_off_on) AS first, toString(refresh_id) AS refresh_id
         FROM account_dims WHERE account_id = {account:String}`,
        { account },
      );
    // C1 charged off on 2026-05-31 (load 11).
    await insert('account_snapshot', [snapshot(load(11), 'C1', '2026-05-31', 'charged_off')]);
    await refresh(load(11));
    const [first] = await written('C1');
    expect(first?.first).toBe('2026-05-31');
    // Load 12: its monthly charged_off snapshots of June and (late) of the same day change
    // nothing: the row is not rewritten (same refresh_id).
    await insert('account_snapshot', [
      snapshot(load(12), 'C1', '2026-06-30', 'charged_off'),
      snapshot(load(12), 'C1', '2026-05-31', 'charged_off'),
    ]);
    await refresh(load(12));
    expect(await written('C1')).toEqual([first]);
    // Load 13: a late charged_off snapshot ONE day earlier than the row's first charge-off
    // (2026-05-30 < 2026-05-31, the least step of the bound) moves it.
    await insert('account_snapshot', [snapshot(load(13), 'C1', '2026-05-30', 'charged_off')]);
    await refresh(load(13));
    expect((await written('C1')).map((r) => r.first)).toEqual(['2026-05-30']);
    // A refresh killed before its DELETE leaves two rows: the next load of a charged_off
    // snapshot of the account (even one that moves nothing) rewrites it to one.
    await db.client.command({
      query: `INSERT INTO account_dims SELECT * REPLACE (generateUUIDv4() AS refresh_id)
              FROM account_dims WHERE account_id = 'C1'`,
    });
    expect(await written('C1')).toHaveLength(2);
    await insert('account_snapshot', [snapshot(load(14), 'C1', '2026-07-31', 'charged_off')]);
    await refresh(load(14));
    expect((await written('C1')).map((r) => r.first)).toEqual(['2026-05-30']);
    // One refresh of every load gives the same row.
    await accountDims.refresh(db, { loadIds: [11, 12, 13, 14].map(load) });
    expect((await written('C1')).map((r) => r.first)).toEqual(['2026-05-30']);
  });
  it('counts a charged_off snapshot superseded the same day by a correction nowhere', async () => {
    // docs/metrics/README.md#effective-snapshot: of one day's snapshots the greatest
    // (occurred_at, event_id) holds. at(day, hh, status, dpd) is one snapshot at hh:00.
    const at = (loadId: string, account: string, as_of: string, hh: string, status: string) => ({
      ...snapshot(loadId, account, as_of, status),
      occurred_at: `${as_of} ${hh}:00:00`,
      dpd: status === 'open' ? 95 : 200,
    });
    const first = () =>
      queryRows<{ account_id: string; first: string | null }>(
        db,
        `SELECT account_id, if(isNull(first_charged_off_on), NULL, toString(first_charged_off_on)) AS first
         FROM account_dims WHERE account_id LIKE 'K%' ORDER BY account_id`,
      );
    // Load 21: K1 charged_off 03-31 10:00 → first 03-31.
    // K2 charged_off 02-28 and 03-31 → first 02-28.
    // K3 charged_off 03-31 10:00 corrected at 12:00 (open, dpd 95) in the same load, and
    // charged_off 04-30 → the effective 03-31 is open: first 04-30 (any-snapshot min: 03-31).
    // K4 (opened) charged_off 05-31 10:00.
    await insert('account_opened', [opened(load(21), 'K4', '2026-01-01 10:00:00', 'retail')]);
    await insert('account_snapshot', [
      at(load(21), 'K1', '2026-03-31', '10', 'charged_off'),
      at(load(21), 'K2', '2026-02-28', '10', 'charged_off'),
      at(load(21), 'K2', '2026-03-31', '10', 'charged_off'),
      at(load(21), 'K3', '2026-03-31', '10', 'charged_off'),
      at(load(21), 'K3', '2026-03-31', '12', 'open'),
      at(load(21), 'K3', '2026-04-30', '10', 'charged_off'),
      at(load(21), 'K4', '2026-05-31', '10', 'charged_off'),
    ]);
    await refresh(load(21));
    expect(await first()).toEqual([
      { account_id: 'K1', first: '2026-03-31' },
      { account_id: 'K2', first: '2026-02-28' },
      { account_id: 'K3', first: '2026-04-30' },
      { account_id: 'K4', first: '2026-05-31' },
    ]);
    // Load 22, corrections of the written first days (12:00, open, dpd 95):
    // K1 03-31 → no charged_off day left, no opening: no row (was 03-31);
    // K2 02-28 → its next charged_off day, 03-31 (was 02-28);
    // K4 05-31 → never charged off, kept for its opening with NULL (was 05-31).
    await insert('account_snapshot', [
      at(load(22), 'K1', '2026-03-31', '12', 'open'),
      at(load(22), 'K2', '2026-02-28', '12', 'open'),
      at(load(22), 'K4', '2026-05-31', '12', 'open'),
    ]);
    await refresh(load(22));
    const corrected = [
      { account_id: 'K2', first: '2026-03-31' },
      { account_id: 'K3', first: '2026-04-30' },
      { account_id: 'K4', first: null },
    ];
    expect(await first()).toEqual(corrected);
    // Load 23: late charged_off snapshots superseded on arrival by the written corrections
    // (11:00 < 12:00): K3 03-31 (before its first, 04-30) and K4 05-31 change nothing.
    await insert('account_snapshot', [
      at(load(23), 'K3', '2026-03-31', '11', 'charged_off'),
      at(load(23), 'K4', '2026-05-31', '11', 'charged_off'),
    ]);
    await refresh(load(23));
    expect(await first()).toEqual(corrected);
    // The same rows from one refresh of the three loads onto an empty table.
    await db.client.command({ query: `DELETE FROM account_dims WHERE account_id LIKE 'K%'` });
    await accountDims.refresh(db, { loadIds: [21, 22, 23].map(load) });
    expect(await first()).toEqual(corrected);
  });
});

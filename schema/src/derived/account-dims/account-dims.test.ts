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
});

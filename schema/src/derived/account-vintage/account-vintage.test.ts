/**
 * account_vintage refresh: first month at 30+/60+/90+ per account (docs/metrics/vintages.md
 * Vintage, §3 order: CHARGED_OFF counts as 90+, CLOSED never counts), kept
 * right under late snapshots and late or corrected account dimensions.
 */
import { describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';

const db = fileTempDb();

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';
const LOAD_3 = '00000000-0000-4000-8000-000000000003';

let seq = 0;
const snap = (
  load_id: string,
  account_id: string,
  as_of: string,
  dpd: number,
  status = 'open',
) => ({
  event_id: `s${++seq}`,
  occurred_at: `${as_of} 12:00:00`,
  account_id,
  as_of,
  dpd,
  balance: '100',
  amount_due: '0',
  status,
  load_id,
});
const opened = (
  load_id: string,
  account_id: string,
  opened_on: string,
  portfolio = 'retail',
  occurred_at = `${opened_on} 00:00:00`,
) => ({
  event_id: `o${++seq}`,
  occurred_at,
  account_id,
  customer_hash: 'h',
  product: 'credit_card',
  portfolio,
  region: 'north',
  opened_on,
  principal: '1000',
  load_id,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });

const rows = () =>
  queryRows<Record<string, string | null>>(
    db,
    `SELECT account_id, toString(vintage) AS vintage, toString(first_30) AS f30, toString(first_60) AS f60,
            toString(first_90) AS f90, portfolio
     FROM account_vintage ORDER BY account_id`,
  );

describe('account_vintage refresh', () => {
  it('records the first month at each threshold; CHARGED_OFF is 90+, CLOSED is not delinquent', async () => {
    await insert('account_opened', [
      opened(LOAD_1, 'V1', '2025-01-15'),
      opened(LOAD_1, 'V2', '2025-02-01'),
      opened(LOAD_1, 'V4', '2025-01-20'),
    ]);
    await insert('account_snapshot', [
      snap(LOAD_1, 'V1', '2025-02-28', 35), // M2 → 30+ in February
      snap(LOAD_1, 'V1', '2025-03-15', 95), // M4 mid-month → 60+ and 90+ in March
      snap(LOAD_1, 'V2', '2025-03-31', 0, 'charged_off'),
      snap(LOAD_1, 'V3', '2025-01-31', 40), // no account_opened yet: no vintage, no row
      snap(LOAD_1, 'V4', '2025-02-28', 100, 'closed'),
    ]);
    // The table is empty: one statement for every account the load opened, however
    // short the list of keys may be (rowsPerSlice 1 would list V1, V2 and V4 one by one).
    const command = vi.spyOn(db.client, 'command');
    await refreshDerived(db, { loadIds: [LOAD_1], rowsPerSlice: 1 });
    const inserts = command.mock.calls.filter(([c]) =>
      c.query.includes('INSERT INTO account_vintage'),
    );
    command.mockRestore();
    expect(inserts).toHaveLength(1);
    expect(await rows()).toEqual([
      {
        account_id: 'V1',
        vintage: '2025-01-01',
        f30: '2025-02-01',
        f60: '2025-03-01',
        f90: '2025-03-01',
        portfolio: 'retail',
      },
      {
        account_id: 'V2',
        vintage: '2025-02-01',
        f30: '2025-03-01',
        f60: '2025-03-01',
        f90: '2025-03-01',
        portfolio: 'retail',
      },
      {
        account_id: 'V4',
        vintage: '2025-01-01',
        f30: null,
        f60: null,
        f90: null,
        portfolio: 'retail',
      },
    ]);
  });

  it('recomputes accounts touched by a later load: late snapshots, late and corrected dimensions', async () => {
    await insert('account_snapshot', [snap(LOAD_2, 'V1', '2025-01-31', 61)]); // earlier month, loaded later
    await insert('account_opened', [
      opened(LOAD_2, 'V3', '2024-12-10', 'sme'),
      opened(LOAD_2, 'V4', '2025-01-20', 'sme', '2025-06-01 00:00:00'), // correction: latest wins
    ]);
    await refreshDerived(db, { loadIds: [LOAD_2] });
    // A load touching nothing of these accounts leaves them alone.
    await insert('account_snapshot', [snap(LOAD_3, 'Z9', '2025-01-31', 0)]);
    await refreshDerived(db, { loadIds: [LOAD_3] });
    expect(await rows()).toEqual([
      {
        account_id: 'V1',
        vintage: '2025-01-01',
        f30: '2025-01-01',
        f60: '2025-01-01',
        f90: '2025-03-01',
        portfolio: 'retail',
      },
      {
        account_id: 'V2',
        vintage: '2025-02-01',
        f30: '2025-03-01',
        f60: '2025-03-01',
        f90: '2025-03-01',
        portfolio: 'retail',
      },
      {
        account_id: 'V3',
        vintage: '2024-12-01',
        f30: '2025-01-01',
        f60: null,
        f90: null,
        portfolio: 'sme',
      },
      {
        account_id: 'V4',
        vintage: '2025-01-01',
        f30: null,
        f60: null,
        f90: null,
        portfolio: 'sme',
      },
    ]);
  });

  it('rewrites only rows a load can change: openings and snapshots that lower a first month', async () => {
    const LOAD_4 = '00000000-0000-4000-8000-000000000004';
    const LOAD_5 = '00000000-0000-4000-8000-000000000005';
    // W1 at 30+ in March; W2 current. Then May: W1 at 60+ (first_60 moves), W2 still current.
    await insert('account_opened', [
      opened(LOAD_4, 'W1', '2025-01-10'),
      opened(LOAD_4, 'W2', '2025-01-10'),
    ]);
    await insert('account_snapshot', [
      snap(LOAD_4, 'W1', '2025-03-31', 40),
      snap(LOAD_4, 'W2', '2025-03-31', 0),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_4] });
    const ids = async () =>
      Object.fromEntries(
        (
          await queryRows<{
            a: string;
            r: string;
            f30: string | null;
            f60: string | null;
            f90: string | null;
          }>(
            db,
            `SELECT account_id AS a, toString(refresh_id) AS r, toString(first_30) AS f30,
                    toString(first_60) AS f60, toString(first_90) AS f90
             FROM account_vintage WHERE account_id IN ('W1', 'W2')`,
          )
        ).map((x) => [x.a, x]),
      );
    const before = await ids();
    // W1's written row stands for its snapshots before the loads' earliest as_of (04-15);
    // from that day on they are read: the late 04-15 at 95 days (M4) is the first 60+ and
    // 90+ month, before the 05-31 one at 70 (M3); first_30 stays March (from the row).
    await insert('account_snapshot', [
      snap(LOAD_5, 'W1', '2025-05-31', 70),
      snap(LOAD_5, 'W1', '2025-04-15', 95),
      snap(LOAD_5, 'W2', '2025-05-31', 0),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_5] });
    const after = await ids();
    expect(after.W1?.f60).toBe('2025-04-01');
    expect(after.W1?.f90).toBe('2025-04-01');
    expect(after.W1?.f30).toBe('2025-03-01');
    expect(after.W1?.r).not.toBe(before.W1?.r);
    expect(after.W2).toEqual(before.W2); // a current month changes no first month: row kept
  });
  it('rewrites an account left with two rows by a refresh killed before its DELETE', async () => {
    const LOAD_6 = '00000000-0000-4000-8000-000000000006';
    const LOAD_7 = '00000000-0000-4000-8000-000000000007';
    // K1 opened in January, at 40 days (M2: 30+) on 05-31: first_30 = May.
    await insert('account_opened', [opened(LOAD_6, 'K1', '2025-01-10')]);
    await insert('account_snapshot', [snap(LOAD_6, 'K1', '2025-05-31', 40)]);
    await refreshDerived(db, { loadIds: [LOAD_6] });
    // A late M2 snapshot of 02-28 moves first_30 to February; its refresh is killed after
    // the INSERT, before the DELETE: both rows stand (May, February).
    await insert('account_snapshot', [snap(LOAD_7, 'K1', '2025-02-28', 40)]);
    await db.client.command({
      query: `INSERT INTO account_vintage SELECT * REPLACE (toDate32('2025-02-01') AS first_30,
                generateUUIDv4() AS refresh_id)
              FROM account_vintage WHERE account_id = 'K1'`,
    });
    const k1 = () =>
      queryRows<{ f30: string }>(
        db,
        `SELECT toString(first_30) AS f30 FROM account_vintage WHERE account_id = 'K1' ORDER BY f30`,
      );
    expect(await k1()).toEqual([{ f30: '2025-02-01' }, { f30: '2025-05-01' }]);
    // The rerun refreshes the same load: its 02-28 day lowers nothing below the rows'
    // least first month (February), but the account has two rows, so it is rewritten to one.
    await refreshDerived(db, { loadIds: [LOAD_7] });
    expect(await k1()).toEqual([{ f30: '2025-02-01' }]);
  });
  it('reads the effective snapshot of each day: a same-day correction supersedes', async () => {
    // docs/metrics/README.md#effective-snapshot. at(day, hh, dpd, status): one snapshot at hh:00.
    const load = (n: number) => `00000000-0000-4000-8000-0000000000${n}`;
    const at = (l: string, a: string, as_of: string, hh: string, dpd: number, status = 'open') => ({
      ...snap(l, a, as_of, dpd, status),
      occurred_at: `${as_of} ${hh}:00:00`,
    });
    const firsts = async () => (await rows()).filter((r) => String(r.account_id).startsWith('X'));
    const x = (account_id: string, f30: string | null, f60: string | null, f90: string | null) => ({
      account_id,
      vintage: '2025-01-01',
      f30,
      f60,
      f90,
      portfolio: 'retail',
    });
    // Load 31, all opened 2025-01-10:
    // X1 02-28 dpd 35 (M2) at 12:00 corrected to dpd 0 at 13:00 → no 30+ in February;
    //    03-31 dpd 65 (M3) → 30+, 60+ in March; 04-30 dpd 95 (M4) → 90+ in April.
    // X2 02-28 dpd 35 → 30+ in February; 05-31 dpd 100 (M4) → 60+, 90+ in May.
    await insert(
      'account_opened',
      ['X1', 'X2', 'X3'].map((a) => opened(load(31), a, '2025-01-10')),
    );
    await insert('account_snapshot', [
      at(load(31), 'X1', '2025-02-28', '12', 35),
      at(load(31), 'X1', '2025-02-28', '13', 0),
      at(load(31), 'X1', '2025-03-31', '12', 65),
      at(load(31), 'X1', '2025-04-30', '12', 95),
      at(load(31), 'X2', '2025-02-28', '12', 35),
      at(load(31), 'X2', '2025-05-31', '12', 100),
    ]);
    await refreshDerived(db, { loadIds: [load(31)] });
    expect(await firsts()).toEqual([
      x('X1', '2025-03-01', '2025-03-01', '2025-04-01'),
      x('X2', '2025-02-01', '2025-05-01', '2025-05-01'),
      x('X3', null, null, null),
    ]);
    // Load 32 (written rows, bounded from the loads' earliest month, February):
    // X2 02-28 corrected to dpd 0 at 13:00 → its first 30+ month moves to May (was February);
    // X1 a late charged_off 03-31 at 11:00, superseded on arrival by the written 12:00 M3
    //    → first_90 stays April (the any-snapshot minimum: March);
    // X3 06-30 dpd 0 at 13:00, whose earlier 12:00 M4 snapshot arrives in load 33.
    await insert('account_snapshot', [
      at(load(32), 'X2', '2025-02-28', '13', 0),
      at(load(32), 'X1', '2025-03-31', '11', 0, 'charged_off'),
      at(load(32), 'X3', '2025-06-30', '13', 0),
    ]);
    await refreshDerived(db, { loadIds: [load(32)] });
    // Load 33: X3's 06-30 dpd 95 at 12:00, superseded on arrival → X3 never 30+.
    await insert('account_snapshot', [at(load(33), 'X3', '2025-06-30', '12', 95)]);
    await refreshDerived(db, { loadIds: [load(33)] });
    const corrected = [
      x('X1', '2025-03-01', '2025-03-01', '2025-04-01'),
      x('X2', '2025-05-01', '2025-05-01', '2025-05-01'),
      x('X3', null, null, null),
    ];
    expect(await firsts()).toEqual(corrected);
    // One refresh of the three loads, the X rows deleted first: the same rows.
    await db.client.command({ query: `DELETE FROM account_vintage WHERE account_id LIKE 'X%'` });
    await refreshDerived(db, { loadIds: [31, 32, 33].map(load) });
    expect(await firsts()).toEqual(corrected);
  });
});

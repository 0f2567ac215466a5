/**
 * account_run_end refresh: the account_month rows followed by a month without
 * state, with the month the state resumes, kept right when a late snapshot fills
 * a gap, a new month extends the history and a late account_opened changes the
 * dimensions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { openTempDb, type TempDb } from '../../testing.ts';
import { accountMonth } from '../account-month/index.ts';
import { accountRunEnd } from './index.ts';
import { refreshDerived } from '../index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';
const LOAD_3 = '00000000-0000-4000-8000-000000000003';

let seq = 0;
const snapshot = (load_id: string, account_id: string, as_of: string, dpd: number) => ({
  event_id: `s${++seq}`,
  occurred_at: `${as_of} 23:00:00`,
  account_id,
  as_of,
  dpd,
  balance: '100.00',
  amount_due: '0',
  status: 'open',
  load_id,
});
/** An account_opened event of the account in the portfolio (product card, region north). */
const opening = (load_id: string, account_id: string, portfolio: string, on = '2025-01-01') => ({
  event_id: `o${++seq}`,
  occurred_at: `${on} 00:00:00`,
  account_id,
  customer_hash: 'h',
  product: 'card',
  portfolio,
  region: 'north',
  opened_on: '2025-01-01',
  principal: '1.00',
  risk_grade: 'A',
  load_id,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });

interface RunEnd {
  account_id: string;
  month: string;
  bucket: string;
  resume_month: string | null;
  portfolio: string;
}
const runEnds = () =>
  queryRows<RunEnd>(
    db,
    `SELECT account_id, toString(month) AS month, bucket,
            if(isNull(resume_month), NULL, toString(resume_month)) AS resume_month, portfolio
     FROM account_run_end ORDER BY account_id, month`,
  );
const end = (
  account_id: string,
  month: string,
  bucket: string,
  resume_month: string | null,
  portfolio = '',
): RunEnd => ({ account_id, month, bucket, resume_month, portfolio });

describe('account_run_end refresh (KPI state at period end)', () => {
  it('recomputes touched accounts under late and out-of-order events', async () => {
    // Load 1: A1 in January (M0) and March (M2), no February; A2 in January only.
    await insert('account_snapshot', [
      snapshot(LOAD_1, 'A1', '2026-03-31', 40),
      snapshot(LOAD_1, 'A1', '2026-01-31', 0),
      snapshot(LOAD_1, 'A2', '2026-01-31', 10),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_1] });
    // A1: January resumes in March; March is its last month so far. A2: January, never resumed.
    expect(await runEnds()).toEqual([
      end('A1', '2026-01-01', 'M0', '2026-03-01'),
      end('A1', '2026-03-01', 'M2', null),
      end('A2', '2026-01-01', 'M1', null),
    ]);

    // Load 2: A1's late February snapshot fills the gap: January is no longer a run end.
    // A2's account_opened arrives (portfolio sme).
    await insert('account_snapshot', [snapshot(LOAD_2, 'A1', '2026-02-28', 15)]);
    await insert('account_opened', [opening(LOAD_2, 'A2', 'sme')]);
    await refreshDerived(db, { loadIds: [LOAD_2] });
    expect(await runEnds()).toEqual([
      end('A1', '2026-03-01', 'M2', null),
      end('A2', '2026-01-01', 'M1', null, 'sme'),
    ]);

    // Load 3: A1 seen again in May (M3): March now resumes in May, May is the last.
    await insert('account_snapshot', [snapshot(LOAD_3, 'A1', '2026-05-31', 70)]);
    await refreshDerived(db, { loadIds: [LOAD_3] });
    const final = [
      end('A1', '2026-03-01', 'M2', '2026-05-01'),
      end('A1', '2026-05-01', 'M3', null),
      end('A2', '2026-01-01', 'M1', null, 'sme'),
    ];
    expect(await runEnds()).toEqual(final);

    // Refreshing every load again changes nothing.
    await refreshDerived(db, { loadIds: [LOAD_1, LOAD_2, LOAD_3] });
    expect(await runEnds()).toEqual(final);
  });

  it('rewrites only the run ends a new month can change', async () => {
    // Load 4: B1 in January, March and May (gaps in February and April): run ends January
    // (resumes March), March (resumes May), May (last).
    const LOAD_4 = '00000000-0000-4000-8000-000000000004';
    const LOAD_5 = '00000000-0000-4000-8000-000000000005';
    await insert(
      'account_snapshot',
      ['2026-01-31', '2026-03-31', '2026-05-31'].map((d) => snapshot(LOAD_4, 'B1', d, 0)),
    );
    await refreshDerived(db, { loadIds: [LOAD_4] });
    const ids = () =>
      queryRows<{ month: string; resume: string | null; r: string }>(
        db,
        `SELECT toString(month) AS month, if(isNull(resume_month), NULL, toString(resume_month)) AS resume,
                toString(refresh_id) AS r
         FROM account_run_end WHERE account_id = 'B1' ORDER BY month`,
      );
    const before = await ids();
    // Load 5: B1 in July. Only May's run end (it now resumes in July) and July's are
    // written; January and March keep load 4's rows (same refresh_id).
    await insert('account_snapshot', [snapshot(LOAD_5, 'B1', '2026-07-31', 0)]);
    await refreshDerived(db, { loadIds: [LOAD_5] });
    const after = await ids();
    expect(after.map((r) => [r.month, r.resume])).toEqual([
      ['2026-01-01', '2026-03-01'],
      ['2026-03-01', '2026-05-01'],
      ['2026-05-01', '2026-07-01'],
      ['2026-07-01', null],
    ]);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]?.r).not.toBe(before[2]?.r);
  });

  it('rewrites the run ends of a first opening after a refresh killed after account_month', async () => {
    // Load 6: C1 in January and March, no opening: run ends January (resumes March) and
    // March, without dimensions.
    const LOAD_6 = '00000000-0000-4000-8000-000000000006';
    const LOAD_7 = '00000000-0000-4000-8000-000000000007';
    await insert('account_snapshot', [
      snapshot(LOAD_6, 'C1', '2026-01-31', 0),
      snapshot(LOAD_6, 'C1', '2026-03-31', 0),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_6] });
    const c1 = async () => (await runEnds()).filter((r) => r.account_id === 'C1');
    expect(await c1()).toEqual([
      end('C1', '2026-01-01', 'M0', '2026-03-01'),
      end('C1', '2026-03-01', 'M0', null),
    ]);
    // Load 7: C1's opening (portfolio retail). The first refresh rewrites account_month and
    // is killed before account_run_end: account_month has no row of C1 with portfolio ''.
    await insert('account_opened', [opening(LOAD_7, 'C1', 'retail')]);
    await accountMonth.refresh(db, { loadIds: [LOAD_7] });
    const [blank] = await queryRows<{ n: number }>(
      db,
      `SELECT toInt32(count()) AS n FROM account_month WHERE account_id = 'C1' AND portfolio = ''`,
    );
    expect(blank?.n).toBe(0);
    // The rerun still finds C1's dimensions changed: its run ends carry retail.
    await refreshDerived(db, { loadIds: [LOAD_7] });
    expect(await c1()).toEqual([
      end('C1', '2026-01-01', 'M0', '2026-03-01', 'retail'),
      end('C1', '2026-03-01', 'M0', null, 'retail'),
    ]);
  });

  it('gives the latest opening to every row when loads are refreshed again after a killed refresh', async () => {
    const L = (n: number) => `00000000-0000-4000-8000-0000000000${n}`;
    /** The portfolios an account's account_month and account_run_end rows carry. */
    const carried = async (account: string) =>
      (
        await queryRows<{ t: string; p: string }>(
          db,
          `SELECT t, p FROM (
             SELECT 'month' AS t, portfolio AS p FROM account_month WHERE account_id = {a:String}
             UNION ALL
             SELECT 'run_end' AS t, portfolio AS p FROM account_run_end WHERE account_id = {a:String}
           ) ORDER BY t, p`,
          { a: account },
        )
      ).map((r) => `${r.t} ${r.p}`);
    /** A refresh of the loads killed after account_month and account_run_end. */
    const killedAfterRunEnd = async (loadIds: string[]) => {
      await accountMonth.refresh(db, { loadIds });
      await accountRunEnd.refresh(db, { loadIds });
    };
    // D1: snapshots in January and March (load 10), no opening. Load 11 brings its first
    // opening (retail) and its refresh is killed after account_run_end; load 12 brings a
    // newer opening (sme), refreshed with load 11. No earlier load has an opening of D1 and
    // its rows carry retail, not '': they must still be rewritten.
    // E1: opened sme in load 13 with its snapshots; load 14 (killed) reopens it retail, load
    // 15 sme again: the earlier loads' latest opening is sme like the newest, but the rows
    // carry load 14's retail.
    await insert('account_snapshot', [
      snapshot(L(10), 'D1', '2026-01-31', 0),
      snapshot(L(10), 'D1', '2026-03-31', 0),
      snapshot(L(13), 'E1', '2026-01-31', 0),
      snapshot(L(13), 'E1', '2026-03-31', 0),
    ]);
    await insert('account_opened', [opening(L(13), 'E1', 'sme')]);
    await refreshDerived(db, { loadIds: [L(10), L(13)] });
    await insert('account_opened', [
      opening(L(11), 'D1', 'retail', '2025-01-01'),
      opening(L(14), 'E1', 'retail', '2025-02-01'),
    ]);
    await killedAfterRunEnd([L(11), L(14)]);
    const retail = ['month retail', 'month retail', 'run_end retail', 'run_end retail'];
    expect([await carried('D1'), await carried('E1')]).toEqual([retail, retail]);
    await insert('account_opened', [
      opening(L(12), 'D1', 'sme', '2025-02-01'),
      opening(L(15), 'E1', 'sme', '2025-03-01'),
    ]);
    await refreshDerived(db, { loadIds: [L(11), L(12), L(14), L(15)] });
    const sme = ['month sme', 'month sme', 'run_end sme', 'run_end sme'];
    expect([await carried('D1'), await carried('E1')]).toEqual([sme, sme]);
  });
});

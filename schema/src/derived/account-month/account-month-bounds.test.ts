/**
 * account_month refresh bounded in time: a load rewrites only the months its snapshots
 * can change (from the month before its earliest snapshot), and an opening rewrites an
 * account's whole history only when it changes the account's dimensions. Which rows a
 * refresh rewrote shows in refresh_id: a row kept keeps the id of the refresh that wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { openTempDb, testLoadId, type TempDb } from '../../testing.ts';
import { refreshAccountMonth } from './index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

let seq = 0;
const snap = (load: number, account_id: string, as_of: string, dpd: number) => ({
  event_id: `s${++seq}`,
  occurred_at: `${as_of} 12:00:00`,
  account_id,
  as_of,
  dpd,
  balance: '10.00',
  amount_due: '0.00',
  status: 'open',
  load_id: testLoadId(load),
});
const opened = (load: number, account_id: string, portfolio: string, occurred_at: string) => ({
  event_id: `o${++seq}`,
  occurred_at,
  account_id,
  customer_hash: 'h',
  product: 'credit_card',
  portfolio,
  region: 'north',
  opened_on: '2025-01-01',
  principal: '1.00',
  risk_grade: 'B',
  load_id: testLoadId(load),
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (...loads: number[]) => refreshAccountMonth(db, { loadIds: loads.map(testLoadId) });

/** month → [portfolio, next_bucket, refresh_id] of one account. */
async function months(account: string): Promise<Record<string, [string, string, string]>> {
  const rows = await queryRows<{ m: string; p: string; n: string; r: string }>(
    db,
    `SELECT toString(month) AS m, portfolio AS p, next_bucket AS n, toString(refresh_id) AS r
     FROM account_month WHERE account_id = {a:String} ORDER BY month`,
    { a: account },
  );
  return Object.fromEntries(rows.map((r) => [r.m, [r.p, r.n, r.r]]));
}

describe('account_month refresh bounded in time', () => {
  it('rewrites the loaded months and the month before, and history only for changed dimensions', async () => {
    // Load 1: A opened (retail) with January–April month ends; B with January–April, no opening.
    await insert('account_opened', [opened(1, 'A', 'retail', '2025-01-01 00:00:00')]);
    await insert(
      'account_snapshot',
      ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'].flatMap((d) => [
        snap(1, 'A', d, 0),
        snap(1, 'B', d, 0),
      ]),
    );
    await refresh(1);
    const first = await months('A');
    expect(Object.keys(first)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
    const firstB = await months('B');

    // Load 2: May for A and B, A's opening re-sent (same values, later occurred_at) and a new
    // account C opened with its first snapshot. Rewritten: April (its next state) and May;
    // January–March of A and B keep load 1's rows (same refresh_id).
    await insert('account_opened', [
      opened(2, 'A', 'retail', '2025-02-01 00:00:00'),
      opened(2, 'C', 'premier', '2026-05-01 00:00:00'),
    ]);
    await insert('account_snapshot', [
      snap(2, 'A', '2026-05-31', 0),
      snap(2, 'B', '2026-05-31', 0),
      snap(2, 'C', '2026-05-31', 0),
    ]);
    await refresh(2);
    const a = await months('A');
    for (const m of ['2026-01-01', '2026-02-01', '2026-03-01']) {
      expect(a[m]).toEqual(first[m]);
      expect((await months('B'))[m]).toEqual(firstB[m]);
    }
    expect(a['2026-04-01']?.slice(0, 2)).toEqual(['retail', 'M0']); // next state now May's
    expect(a['2026-04-01']?.[2]).not.toBe(first['2026-04-01']?.[2]);
    expect(a['2026-05-01']?.slice(0, 2)).toEqual(['retail', '']);
    expect((await months('C'))['2026-05-01']?.slice(0, 2)).toEqual(['premier', '']);

    // Load 3: B's first opening arrives late (its rows carry ''), A moves to premier: every
    // month of A and B is rewritten with the new portfolio; C (untouched) keeps its row.
    const c = await months('C');
    await insert('account_opened', [
      opened(3, 'B', 'sme', '2025-01-01 00:00:00'),
      opened(3, 'A', 'premier', '2025-03-01 00:00:00'),
    ]);
    await refresh(3);
    for (const account of ['A', 'B']) {
      const got = await months(account);
      expect(Object.keys(got)).toHaveLength(5);
      for (const [p] of Object.values(got)) expect(p).toBe(account === 'A' ? 'premier' : 'sme');
    }
    expect(await months('C')).toEqual(c);
    const [n] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM account_month');
    expect(n?.n).toBe('11'); // A 5 + B 5 + C 1: no month twice
    // The projections (migrations 201, 205) answer as the rows do after load 3's DELETE
    // and load 2's partition replacement.
    const state = (use: 0 | 1) =>
      queryRows(
        db,
        `SELECT toString(month) AS m, portfolio, bucket, count() AS n, toString(sum(balance)) AS b
         FROM account_month GROUP BY month, portfolio, product, region, risk_grade, bucket
         ORDER BY m, portfolio, bucket`,
        {},
        { settings: { optimize_use_projections: use } },
      );
    expect(await state(1)).toEqual(await state(0));
  });
});

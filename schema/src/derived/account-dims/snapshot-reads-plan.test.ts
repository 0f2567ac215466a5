/**
 * The account-side reads of the loads' snapshots open only the month partitions of the
 * loads' snapshot days (SNAPSHOT_DAYS), not every month's `load_id`: the charged-off key set
 * of account_dims and account_vintage's search for accounts whose first months move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { openTempDb, testLoadId, type TempDb } from '../../testing.ts';
import { VINTAGE_CHANGED_SQL } from '../account-vintage/index.ts';
import { SNAPSHOT_DAYS } from '../key-sets.ts';
import { RefreshKeys } from '../keys.ts';
import { ACCOUNTS_CHARGED_OFF } from './index.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

let seq = 0;
const snap = (load: number, account_id: string, as_of: string, status: string) => ({
  event_id: `s${++seq}`,
  occurred_at: `${as_of} 12:00:00`,
  account_id,
  as_of,
  dpd: 95,
  balance: '10.00',
  amount_due: '0.00',
  status,
  load_id: testLoadId(load),
});

/** Parts of account_snapshot that `select` opens (EXPLAIN ESTIMATE). */
async function snapshotParts(select: string, params: Record<string, unknown>): Promise<number> {
  const rows = await queryRows<{ table: string; parts: string }>(
    db,
    `EXPLAIN ESTIMATE ${select}`,
    params,
  );
  return rows
    .filter((r) => r.table === 'account_snapshot')
    .reduce((n, r) => n + Number(r.parts), 0);
}

describe('account-side reads of the loads snapshots', () => {
  it('open only the partitions of the loads snapshot days', async () => {
    // Load 1: January and February (two month partitions); load 2: March, one charged off.
    await db.client.insert({
      table: 'account_snapshot',
      values: [
        snap(1, 'A', '2026-01-31', 'open'),
        snap(1, 'A', '2026-02-28', 'charged_off'),
        snap(2, 'A', '2026-03-31', 'charged_off'),
        snap(2, 'B', '2026-03-31', 'open'),
      ],
      format: 'JSONEachRow',
    });
    const keys = new RefreshKeys(db, [testLoadId(2)]);
    await keys.need([SNAPSHOT_DAYS, ACCOUNTS_CHARGED_OFF]);
    const params = { keysId: keys.id, loadIds: [testLoadId(2)] };
    const [set] = await queryRows<{ keys: string[] }>(
      db,
      `SELECT groupArray(key) AS keys FROM refresh_keys
       WHERE refresh_id = {keysId:UUID} AND kind = 'accounts_charged_off'`,
      params,
    );
    expect(set?.keys).toEqual(['A']);
    // the March partition only, in each of its two reads of the loads' charged_off
    // snapshots (their first day per account, and the accounts whose rows it looks up);
    // by load_id alone all three months each (January, February, March): 6
    expect(await snapshotParts(ACCOUNTS_CHARGED_OFF.select, params)).toBe(2);
    expect(await snapshotParts(VINTAGE_CHANGED_SQL.replace(/SETTINGS[^]*$/, ''), params)).toBe(1);
    await keys.drop();
  });
});

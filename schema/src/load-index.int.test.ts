/**
 * The event tables' set index of load_id (tables.ts LOAD_INDEX): a read of one load's rows
 * skips the granules of the others. Two loads' snapshots in two inserts are two parts of one
 * granule each; reading the second load's rows keeps one granule of two.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from './db.ts';
import { fileTempDb } from './test-db.ts';

const db = fileTempDb();

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';

const snapshot = (load_id: string, n: number) => ({
  event_id: `e${load_id.slice(-1)}-${n}`,
  occurred_at: '2026-03-31 12:00:00',
  account_id: `A${n}`,
  as_of: '2026-03-31',
  dpd: 0,
  balance: '100',
  amount_due: '0',
  status: 'open',
  load_id,
});

describe('load_id set index', () => {
  it('skips the granules of other loads when reading one load', async () => {
    for (const load of [LOAD_1, LOAD_2])
      await db.client.insert({
        table: 'account_snapshot',
        values: [1, 2, 3].map((n) => snapshot(load, n)),
        format: 'JSONEachRow',
      });
    const plan = (
      await queryRows<{ explain: string }>(
        db,
        `EXPLAIN indexes = 1 SELECT count() FROM account_snapshot WHERE load_id IN {ids:Array(UUID)}`,
        { ids: [LOAD_2] },
      )
    )
      .map((r) => r.explain.trim())
      .join('\n');
    // the skip index is used and keeps the second part's granule only
    expect(plan).toMatch(/Name: load_idx[\s\S]*?Granules: 1\/2/);
    const [row] = await queryRows<{ n: string }>(
      db,
      'SELECT count() AS n FROM account_snapshot WHERE load_id IN {ids:Array(UUID)}',
      { ids: [LOAD_2] },
    );
    expect(Number(row?.n)).toBe(3);
  });
});

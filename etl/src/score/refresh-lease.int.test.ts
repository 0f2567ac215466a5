/**
 * Re-scoring holds the ETL lease (docs/etl.md, "One writer at a time"): while another
 * writer holds it, refreshScores waits or fails with LOAD_RUNNING before reading
 * anything, so two re-scorings cannot both insert case_score rows at one as-of.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { acquireLease } from '../lease.ts';
import { refreshScores } from './refresh.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db?.dispose());

it('refreshScores fails with LOAD_RUNNING while a load holds the lease, and runs once it is released', async () => {
  const load = await acquireLease(db, 'load');
  await expect(refreshScores(db)).rejects.toMatchObject({ code: 'LOAD_RUNNING' });
  await load.release();
  const out = await refreshScores(db);
  expect(out.map((r) => r.skipped)).toEqual(['no data loaded', 'no data loaded']);
  // Released after: a load takes the lease at once.
  await (await acquireLease(db, 'load')).release();
});

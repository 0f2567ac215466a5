/**
 * The propensity pipeline on a small generated portfolio (docs/models.md): runs
 * are stored and scores carry their id, the stored coefficients reproduce
 * ClickHouse's evalMLMethod, an unpublished run scores nothing, and scoring is
 * leak-free (dropping every event after the scoring instant changes no score).
 * That the model beats the baseline on the planted signal is shown at a larger
 * size in tests/intel-planted.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { generate } from '@collections/generator';
import { loadPaths } from '../load/index.ts';
import { chTime } from './scratch.ts';
import { latestRun, scoreOpenCases } from './score.ts';
import { trainModel, type ModelRun } from './train.ts';

const dir = mkdtempSync(join(tmpdir(), 'score-'));
let db: TempDb;
let cure: ModelRun;

beforeAll(async () => {
  await generate({ out: dir, accounts: 2500, months: 10, seed: 5 });
  db = await openTempDb();
  await loadPaths(db, [dir], { piiKey: 'score-test-key' });
  cure = await trainModel(db, { target: 'cure_30d' });
}, 900_000);
afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('model runs and scores', () => {
  it('stored coefficients reproduce evalMLMethod', () => {
    expect(cure.metrics.evalConsistency).toBeLessThan(1e-9);
  });

  it('is stored as the latest run, and scores carry its id', async () => {
    const run = await latestRun(db, 'cure_30d');
    expect(run?.runId).toBe(cure.runId);
    const { cases } = await scoreOpenCases(db, run!, cure.asOf, { allowUnpublished: true });
    expect(cases).toBeGreaterThan(0);
    const [row] = await queryRows<{ n: string; runs: string; lo: number; hi: number }>(
      db,
      `SELECT count() AS n, uniqExact(run_id) AS runs, min(score) AS lo, max(score) AS hi
       FROM case_score WHERE run_id = {id:UUID}`,
      { id: cure.runId },
    );
    expect(Number(row?.n)).toBe(cases);
    expect(row?.lo).toBeGreaterThan(0);
    expect(row?.hi).toBeLessThan(1);
  });

  it('an unpublished run scores nothing', async () => {
    const run = { ...(await latestRun(db, 'cure_30d'))!, published: false, verdict: 'x' };
    await expect(scoreOpenCases(db, run, cure.asOf)).rejects.toThrow(/not published/);
  });
});

describe('leakage', () => {
  it('events after the scoring instant do not change a score (dropping them)', async () => {
    const run = (await latestRun(db, 'cure_30d'))!;
    const at = new Date(Date.parse(cure.asOf) - 60 * 86_400_000).toISOString();
    const read = async () =>
      new Map(
        (
          await queryRows<{ case_id: string; score: number }>(
            db,
            `SELECT case_id, score FROM case_score
             WHERE run_id = {id:UUID} AND scored_at = {at:DateTime64(3, 'UTC')} ORDER BY case_id`,
            { id: run.runId, at: chTime(at) },
          )
        ).map((r) => [r.case_id, r.score]),
      );
    await scoreOpenCases(db, run, at, { allowUnpublished: true });
    const before = await read();
    expect(before.size).toBeGreaterThan(50);
    let later = 0;
    for (const type of EVENT_TYPES) {
      const [n] = await queryRows<{ n: string }>(
        db,
        `SELECT count() AS n FROM ${type} WHERE occurred_at > {at:DateTime64(3, 'UTC')}`,
        { at: chTime(at) },
      );
      later += Number(n?.n);
      await db.client.command({
        query: `ALTER TABLE ${type} DELETE WHERE occurred_at > {at:DateTime64(3, 'UTC')}`,
        query_params: { at: chTime(at) },
        clickhouse_settings: { mutations_sync: '2' },
      });
    }
    expect(later).toBeGreaterThan(1000); // there was a future to leak
    await db.client.command({
      query: `ALTER TABLE case_score DELETE WHERE run_id = {id:UUID}`,
      query_params: { id: run.runId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    await scoreOpenCases(db, run, at, { allowUnpublished: true });
    const after = await read();
    expect(after.size).toBe(before.size);
    for (const [id, score] of before) expect(after.get(id), id).toBe(score);
  });
});

/**
 * case_outcome_facts, a bounded refresh's plan (planSlice): which cases are computed in
 * full, which keep their written row's early sums, and from when the full ones' events
 * are read — the earliest opening among them, so that contact_attempt's and payment's
 * month partitions before it are not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, insertLoad, openTempDb, testLoadId, type TempDb } from '../../testing.ts';
import { caseFacts } from '../case-facts/index.ts';
import { CASE_OUTCOME_FACTS_INSERT_SQL, planSlice, stageSlice } from './index.ts';
import { CASES_ATTEMPTED, CASES_OPENED } from '../key-sets.ts';
import { RefreshKeys } from '../keys.ts';
import { ALL_KEYS } from '../refresh-steps.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const ev = eventMaker();
const L = testLoadId;
const opening = (l: string, at: string, case_id: string) =>
  ev(l, at, { case_id, account_id: 'PA', strategy: 's', entry_dpd: 5, entry_balance: '1' });
const call = (l: string, at: string, case_id: string) =>
  ev(l, at, { case_id, agent_id: 'PG', channel: 'call', outcome: 'no_answer', cost: '1' });
const ms = (at: string) => String(Date.parse(`${at.replace(' ', 'T')}Z`));

describe('case_outcome_facts slice plan', () => {
  it('computes new cases in full from their earliest opening, keeps the others, skips cases without facts', async () => {
    // Load 1: PC1 opens 01-05 with a call on 01-10 (its row is written); a call on PC3
    // (no opening), so that the January part's case range [PC1, PC3] holds PC2.
    await insertLoad(db, L(1), {
      case_opened: [opening(L(1), '2026-01-05 00:00:00.000', 'PC1')],
      contact_attempt: [
        call(L(1), '2026-01-10 00:00:00.000', 'PC1'),
        call(L(1), '2026-01-10 00:00:00.000', 'PC3'),
      ],
    });
    // Load 2, inserted (not refreshed): PC2 opens 03-02 with a call on 03-03; calls on PC1
    // (03-03) and on PX (no opening anywhere: no case_facts row, so no row to write).
    const load2 = {
      case_opened: [opening(L(2), '2026-03-02 00:00:00.000', 'PC2')],
      contact_attempt: [
        call(L(2), '2026-03-03 00:00:00.000', 'PC1'),
        call(L(2), '2026-03-03 00:00:00.000', 'PC2'),
        call(L(2), '2026-03-03 00:00:00.000', 'PX'),
      ],
    };
    for (const [table, values] of Object.entries(load2))
      await db.client.insert({ table, values, format: 'JSONEachRow' });
    // case_facts as the refresh has it before case_outcome_facts: PC2 too.
    const keys = new RefreshKeys(db, [L(2)]);
    await keys.need([CASES_OPENED, CASES_ATTEMPTED]);
    await caseFacts.refresh(db, { loadIds: [L(2)] });
    // since: the loads' first attempt day, 03-03 00:00.
    // the slice: every touched case (PC1, PC2 and PX, by their attempts)
    const params = {
      ...ALL_KEYS,
      keysId: keys.id,
      since: ms('2026-03-03 00:00:00'),
      readFrom: ms('2026-03-02 00:00:00'),
    };
    await stageSlice(db, { ...params, bounded: 1 });
    const plan = await planSlice(db);
    // PC2: opened in the loads → full, from its opening 03-02; PC1: a written row, its
    // opening not in the loads → kept; PX: no case_facts row → neither.
    expect(plan).toEqual({ full: ['PC2'], kept: ['PC1'], fullFrom: ms('2026-03-02 00:00:00') });

    // The insert reads contact_attempt twice (the full cases, the kept ones from {readFrom}):
    // each opens the 202603 part only, 1 + 1 parts. Unbounded ({fullFrom} 0, as before
    // planSlice gave it) the full read also opens 202601: 2 + 1.
    const select = CASE_OUTCOME_FACTS_INSERT_SQL.replace(
      /INSERT INTO case_outcome_facts\s*\([^)]*\)/,
      '',
    );
    const partsRead = async (fullFrom: string) => {
      const estimate = await queryRows<{ table: string; parts: string }>(
        db,
        `EXPLAIN ESTIMATE ${select}`,
        { ...params, ...plan, fullFrom, refreshId: '00000000-0000-4000-8000-0000000000bb' },
      );
      return estimate.filter((r) => r.table === 'contact_attempt').map((r) => Number(r.parts));
    };
    const partitions = await queryRows<{ p: string }>(
      db,
      `SELECT DISTINCT partition AS p FROM system.parts
       WHERE database = currentDatabase() AND table = 'contact_attempt' AND active ORDER BY p`,
    );
    expect(partitions.map((r) => r.p)).toEqual(['202601', '202603']);
    expect(await partsRead(plan.fullFrom)).toEqual([2]);
    expect(await partsRead('0')).toEqual([3]);
    await keys.drop();
  });
});

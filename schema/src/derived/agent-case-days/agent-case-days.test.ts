/**
 * agent_case_days refresh bounded in time (agent-case-days.ts): a case with a written row
 * keeps the row's days before the loads' earliest attempt day and reads its attempts from
 * that day on; a case without any row is computed from all its attempts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, openTempDb, testLoadId, type TempDb } from '../../testing.ts';
import { agentCaseDays } from './index.ts';

/** When set, a refresh stops after its insert, as a kill before its DELETE would. */
const crash = vi.hoisted(() => ({ beforeDelete: false }));
vi.mock('../refresh-steps.ts', async (original) =>
  (await import('../kill-before-delete.ts')).killBeforeDelete(
    await original(),
    'agent_case_days',
    () => crash.beforeDelete,
  ),
);

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const ev = eventMaker();
const L = testLoadId;

const call = (l: string, day: string, agent_id: string, case_id: string) =>
  ev(l, `${day} 10:00:00.000`, {
    case_id,
    agent_id,
    channel: 'call',
    outcome: 'no_answer',
    duration_s: 0,
    cost: '1',
  });

/** Insert a load's attempts, then refresh agent_case_days alone. */
async function load(l: string, attempts: Record<string, unknown>[]): Promise<void> {
  await db.client.insert({ table: 'contact_attempt', values: attempts, format: 'JSONEachRow' });
  await agentCaseDays.refresh(db, { loadIds: [l] });
}

const pairs = () =>
  queryRows<{ agent_id: string; case_id: string; days: string[]; first: string; last: string }>(
    db,
    `SELECT toString(agent_id) AS agent_id, case_id, arrayMap(d -> toString(d), days) AS days,
            toString(first_day) AS first, toString(last_day) AS last
     FROM agent_case_days ORDER BY case_id, agent_id`,
  );

describe('agent_case_days bounded in time', () => {
  it("keeps a row's days before the loads' first attempt day and rebuilds a case without a row", async () => {
    // Load 1: AG1 calls BC1 on 01-05 and 02-10; AG1 calls BC2 on 01-07 and 02-12.
    await load(L(1), [
      call(L(1), '2026-01-05', 'AG1', 'BC1'),
      call(L(1), '2026-02-10', 'AG1', 'BC1'),
      call(L(1), '2026-01-07', 'AG1', 'BC2'),
      call(L(1), '2026-02-12', 'AG1', 'BC2'),
    ]);
    expect(await pairs()).toEqual([
      {
        agent_id: 'AG1',
        case_id: 'BC1',
        days: ['2026-01-05', '2026-02-10'],
        first: '2026-01-05',
        last: '2026-02-10',
      },
      {
        agent_id: 'AG1',
        case_id: 'BC2',
        days: ['2026-01-07', '2026-02-12'],
        first: '2026-01-07',
        last: '2026-02-12',
      },
    ]);
    // BC1's row is replaced by one whose early days no attempt has (01-05, 01-06): the
    // refresh must take the days before its earliest attempt from the row, not re-read
    // them. BC2 loses its row (as by a hand edit): it must be rebuilt from all attempts.
    await db.client.command({
      query: `DELETE FROM agent_case_days WHERE case_id IN ('BC1', 'BC2')`,
    });
    await db.client.insert({
      table: 'agent_case_days',
      values: [
        {
          last_day: '2026-01-06',
          agent_id: 'AG1',
          case_id: 'BC1',
          first_day: '2026-01-05',
          days: ['2026-01-05', '2026-01-06'],
          refresh_id: '00000000-0000-4000-8000-0000000000aa',
        },
      ],
      format: 'JSONEachRow',
    });
    // Load 2: AG1 calls BC1 and BC2 on 03-01; its earliest attempt day is 03-01.
    // BC1: the row's days before 03-01 (01-05, 01-06) + 03-01 (the 02-10 attempt is before
    // 03-01 and not read); BC2 (no row): 01-07, 02-12 and 03-01 from all its attempts.
    await load(L(2), [
      call(L(2), '2026-03-01', 'AG1', 'BC1'),
      call(L(2), '2026-03-01', 'AG1', 'BC2'),
    ]);
    const afterLoad2 = [
      {
        agent_id: 'AG1',
        case_id: 'BC1',
        days: ['2026-01-05', '2026-01-06', '2026-03-01'],
        first: '2026-01-05',
        last: '2026-03-01',
      },
      {
        agent_id: 'AG1',
        case_id: 'BC2',
        days: ['2026-01-07', '2026-02-12', '2026-03-01'],
        first: '2026-01-07',
        last: '2026-03-01',
      },
    ];
    expect(await pairs()).toEqual(afterLoad2);
    // Load 3 (late): AG2 calls BC1 on 02-20 (earliest day 02-20). AG1's pair on BC1 has no
    // attempt from 02-20 on but 03-01, already in its row: unchanged. AG2's pair is new.
    await load(L(3), [call(L(3), '2026-02-20', 'AG2', 'BC1')]);
    expect(await pairs()).toEqual([
      afterLoad2[0],
      {
        agent_id: 'AG2',
        case_id: 'BC1',
        days: ['2026-02-20'],
        first: '2026-02-20',
        last: '2026-02-20',
      },
      afterLoad2[1],
    ]);
    // A retried refresh of load 3: the same rows, one per pair.
    await agentCaseDays.refresh(db, { loadIds: [L(3)] });
    expect((await pairs()).length).toBe(3);
  });
});

describe('agent_case_days killed between insert and delete', () => {
  it('the rerun leaves one row per pair, with every day', async () => {
    // Load 4: AG1 calls CC1 on 01-05 and 02-10.
    await load(L(4), [
      call(L(4), '2026-01-05', 'AG1', 'CC1'),
      call(L(4), '2026-02-10', 'AG1', 'CC1'),
    ]);
    // Load 5 (late): AG1 calls CC1 on 01-20. Its first refresh writes the pair's new row
    // and is "killed" before deleting the old one: two rows for (AG1, CC1).
    crash.beforeDelete = true;
    await load(L(5), [call(L(5), '2026-01-20', 'AG1', 'CC1')]);
    crash.beforeDelete = false;
    const cc1 = async () => (await pairs()).filter((p) => p.case_id === 'CC1');
    expect((await cc1()).map((p) => p.days)).toEqual(
      expect.arrayContaining([
        ['2026-01-05', '2026-02-10'],
        ['2026-01-05', '2026-01-20', '2026-02-10'],
      ]),
    );
    // Which stored row a join meets is arbitrary (parts merge, threads read in parallel):
    // the new row is moved to the newest part, the one a LEFT ANY JOIN was seen to keep.
    const fresh = `agent_id = 'AG1' AND case_id = 'CC1' AND length(days) = 3`;
    await db.client.command({
      query: `CREATE TABLE fresh_row ENGINE = Memory AS SELECT * FROM agent_case_days WHERE ${fresh}`,
    });
    await db.client.command({ query: `DELETE FROM agent_case_days WHERE ${fresh}` });
    await db.client.command({ query: `INSERT INTO agent_case_days SELECT * FROM fresh_row` });
    await db.client.command({ query: `DROP TABLE fresh_row` });
    expect(await cc1()).toHaveLength(2);
    // The rerun recomputes the new row (01-05 before 01-20 from a row, 01-20 and 02-10
    // read): one row remains, with the three days.
    await agentCaseDays.refresh(db, { loadIds: [L(5)] });
    const all = { agent_id: 'AG1', case_id: 'CC1', first: '2026-01-05' };
    expect(await cc1()).toEqual([
      { ...all, days: ['2026-01-05', '2026-01-20', '2026-02-10'], last: '2026-02-10' },
    ]);
    // Load 6: AG1 calls CC1 on 03-01; the days before 03-01 come from the one row.
    await load(L(6), [call(L(6), '2026-03-01', 'AG1', 'CC1')]);
    expect(await cc1()).toEqual([
      {
        ...all,
        days: ['2026-01-05', '2026-01-20', '2026-02-10', '2026-03-01'],
        last: '2026-03-01',
      },
    ]);
  });
});

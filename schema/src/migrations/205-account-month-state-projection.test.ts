/**
 * Migration 205: the month-end state's GROUP BY (month, dimensions, bucket; no
 * next_bucket) reads account_month's `month_end` projection, and gives what the table's
 * rows give, also after a lightweight DELETE (a refresh's) rebuilt the projection.
 *
 * account_month, March 2026: A1 north M1 100, A2 north M1 50 (next M2), A3 south M0 10.
 *   north M1: 2 accounts, 150 · south M0: 1, 10. After deleting A2: north M1 1, 100.
 * And 50 000 accounts east M0 of balance 1, each with its own next_bucket, so that the
 * `transitions` projection spans several granules and `month_end` one:
 *   east M0: 50 000 accounts, 50 000. (With one granule each, ClickHouse may pick either.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { openTempDb, type TempDb } from '../testing.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
  const row = (account_id: string, region: string, bucket: string, balance: string) => ({
    month: '2026-03-01',
    account_id,
    bucket,
    balance,
    next_bucket: account_id === 'A2' ? 'M2' : bucket,
    next_balance: balance,
    portfolio: 'p',
    product: 'card',
    region,
    risk_grade: 'B',
    refresh_id: '00000000-0000-0000-0000-000000000205',
  });
  await db.client.insert({
    table: 'account_month',
    values: [
      row('A1', 'north', 'M1', '100'),
      row('A2', 'north', 'M1', '50'),
      row('A3', 'south', 'M0', '10'),
    ],
    format: 'JSONEachRow',
  });
  await db.client.command({
    query: `INSERT INTO account_month
      SELECT '2026-03-01', concat('E', toString(number)), 'M0', 1, concat('n', toString(number)), 1,
             'p', 'card', 'east', 'B', toUUID('00000000-0000-0000-0000-000000000205')
      FROM numbers(50000)`,
  });
});
afterAll(() => db.dispose());

const STATE = `SELECT month, region, toString(bucket) AS bucket, toInt32(count()) AS n, toFloat64(sum(balance)) AS b
  FROM account_month WHERE month IN ['2026-03-01'] GROUP BY month, region, bucket ORDER BY region`;
const state = (settings = '') =>
  queryRows<{ region: string; bucket: string; n: number; b: number }>(db, `${STATE} ${settings}`);
const project = (rows: { region: string; bucket: string; n: number; b: number }[]) =>
  rows.map((r) => [r.region, r.bucket, r.n, r.b]);

describe('migration 205 (account_month month_end projection)', () => {
  it('answers the month-end state from month_end, as the rows do', async () => {
    const plan = await queryRows<{ explain: string }>(db, `EXPLAIN projections = 1 ${STATE}`);
    expect(plan.map((r) => r.explain).join('\n')).toContain('ReadFromMergeTree (month_end)');
    expect(project(await state())).toEqual([
      ['east', 'M0', 50000, 50000],
      ['north', 'M1', 2, 150],
      ['south', 'M0', 1, 10],
    ]);
    expect(await state()).toEqual(await state('SETTINGS optimize_use_projections = 0'));
  });

  it('stays right after a lightweight DELETE', async () => {
    await db.client.command({ query: "DELETE FROM account_month WHERE account_id = 'A2'" });
    expect(project(await state())).toEqual([
      ['east', 'M0', 50000, 50000],
      ['north', 'M1', 1, 100],
      ['south', 'M0', 1, 10],
    ]);
    expect(await state()).toEqual(await state('SETTINGS optimize_use_projections = 0'));
  });
});

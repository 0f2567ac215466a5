import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { openTempDb, type TempDb } from '../../testing.ts';
import { refreshAccountMonth } from './index.ts';
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
function snap(
  load_id: string,
  account_id: string,
  as_of: string,
  dpd: number,
  balance: string,
  occurred_at = `${as_of}T12:00:00Z`,
  status = 'open',
) {
  seq += 1;
  return {
    event_id: `s${seq}`,
    occurred_at,
    account_id,
    as_of,
    dpd,
    balance,
    amount_due: '0.00',
    status,
    load_id,
  };
}

async function insert(table: string, rows: Record<string, unknown>[]) {
  // Offsets in occurred_at are parsed to UTC, as the loader stores them.
  await db.client.insert({
    table,
    values: rows,
    format: 'JSONEachRow',
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  });
}

interface Row {
  account_id: string;
  month: string;
  bucket: string;
  balance: number | string;
  next_bucket: string;
  portfolio: string;
}

async function rows(): Promise<Row[]> {
  return queryRows<Row>(
    db,
    `SELECT account_id, toString(month) AS month, bucket, toFloat64(balance) AS balance,
            next_bucket, portfolio
     FROM account_month ORDER BY account_id, month`,
  );
}

describe('account_month refresh (docs/metrics/README.md#month-end-state)', () => {
  it('takes the month-end snapshot, buckets DPD edges and pairs each month with the next', async () => {
    await insert('account_snapshot', [
      // DPD edges in January, one account each: 0→M0, 1→M1, 30→M1, 31→M2, 180→M6, 181→M7_PLUS.
      snap(LOAD_1, 'd000', '2026-01-31', 0, '100.00'),
      snap(LOAD_1, 'd001', '2026-01-31', 1, '100.00'),
      snap(LOAD_1, 'd030', '2026-01-31', 30, '100.00'),
      snap(LOAD_1, 'd031', '2026-01-31', 31, '100.00'),
      snap(LOAD_1, 'd180', '2026-01-31', 180, '100.00'),
      snap(LOAD_1, 'd181', '2026-01-31', 181, '100.00'),
      // mid: the mid-month snapshot (dpd 45) loses to the month-end one (dpd 0), though loaded later.
      snap(LOAD_1, 'mid', '2026-01-31', 0, '50.00'),
      snap(LOAD_1, 'mid', '2026-01-15', 45, '60.00'),
      // tie: same as_of; 01:30Z (written with a -02:00 offset) is later than 00:00Z, so dpd 40 wins.
      snap(LOAD_1, 'tie', '2026-01-31', 40, '70.00', '2026-01-31T23:30:00-02:00'),
      snap(LOAD_1, 'tie', '2026-01-31', 0, '80.00', '2026-02-01T00:00:00Z'),
      // gap: January and March, no February: January's next state is unobserved.
      snap(LOAD_1, 'gap', '2026-01-31', 0, '10.00'),
      snap(LOAD_1, 'gap', '2026-03-31', 5, '11.00'),
      // co: charged off whatever its dpd.
      snap(LOAD_1, 'co', '2026-01-31', 200, '90.00', undefined, 'charged_off'),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_1] });
    expect(await rows()).toEqual([
      {
        account_id: 'co',
        month: '2026-01-01',
        bucket: 'CHARGED_OFF',
        balance: 90,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd000',
        month: '2026-01-01',
        bucket: 'M0',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd001',
        month: '2026-01-01',
        bucket: 'M1',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd030',
        month: '2026-01-01',
        bucket: 'M1',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd031',
        month: '2026-01-01',
        bucket: 'M2',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd180',
        month: '2026-01-01',
        bucket: 'M6',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'd181',
        month: '2026-01-01',
        bucket: 'M7_PLUS',
        balance: 100,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'gap',
        month: '2026-01-01',
        bucket: 'M0',
        balance: 10,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'gap',
        month: '2026-03-01',
        bucket: 'M1',
        balance: 11,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'mid',
        month: '2026-01-01',
        bucket: 'M0',
        balance: 50,
        next_bucket: '',
        portfolio: '',
      },
      {
        account_id: 'tie',
        month: '2026-01-01',
        bucket: 'M2',
        balance: 70,
        next_bucket: '',
        portfolio: '',
      },
    ]);
  });

  it('recomputes touched accounts: a late February snapshot and late dimensions', async () => {
    // Load 2: February for "gap" arrives late (closed), plus a February state for d001.
    await insert('account_snapshot', [
      snap(LOAD_2, 'gap', '2026-02-28', 0, '0.00', undefined, 'closed'),
      snap(LOAD_2, 'd001', '2026-02-27', 35, '98.50'),
    ]);
    // Load 3: account_opened for d001 arrives after its snapshots.
    await insert('account_opened', [
      {
        event_id: 'o1',
        occurred_at: '2025-06-01T08:00:00+08:00',
        account_id: 'd001',
        customer_hash: 'h',
        product: 'credit_card',
        portfolio: 'retail',
        region: 'north',
        opened_on: '2025-06-01',
        principal: '1000.00',
        risk_grade: 'B',
        load_id: LOAD_3,
      },
    ]);
    await refreshDerived(db, { loadIds: [LOAD_2] });
    await refreshDerived(db, { loadIds: [LOAD_3] });
    const got = (await rows()).filter((r) => r.account_id === 'gap' || r.account_id === 'd001');
    expect(got).toEqual([
      {
        account_id: 'd001',
        month: '2026-01-01',
        bucket: 'M1',
        balance: 100,
        next_bucket: 'M2',
        portfolio: 'retail',
      },
      {
        account_id: 'd001',
        month: '2026-02-01',
        bucket: 'M2',
        balance: 98.5,
        next_bucket: '',
        portfolio: 'retail',
      },
      {
        account_id: 'gap',
        month: '2026-01-01',
        bucket: 'M0',
        balance: 10,
        next_bucket: 'CLOSED',
        portfolio: '',
      },
      {
        account_id: 'gap',
        month: '2026-02-01',
        bucket: 'CLOSED',
        balance: 0,
        next_bucket: 'M1',
        portfolio: '',
      },
      {
        account_id: 'gap',
        month: '2026-03-01',
        bucket: 'M1',
        balance: 11,
        next_bucket: '',
        portfolio: '',
      },
    ]);
    // Untouched accounts keep exactly one row per month.
    const [count] = await queryRows<{ n: number }>(
      db,
      'SELECT toInt32(count()) AS n FROM account_month',
    );
    expect(count?.n).toBe(13);
  });

  it('gives the same rows when a big refresh runs in slices', async () => {
    const before = await rows();
    // Every load again, about 3 snapshots per slice: 15 snapshots → ranges of account ids.
    await refreshAccountMonth(db, { loadIds: [LOAD_1, LOAD_2, LOAD_3], rowsPerSlice: 3 });
    expect(await rows()).toEqual(before);
    const [count] = await queryRows<{ n: number }>(
      db,
      'SELECT toInt32(count()) AS n FROM account_month',
    );
    expect(count?.n).toBe(13);
  });
});

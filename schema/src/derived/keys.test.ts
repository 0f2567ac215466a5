/**
 * refresh_keys: the key sets of one refresh are written once, read by every table, and
 * gone when the refresh ends; what a killed refresh left (rows under another refresh id:
 * never read, since every statement reads its own id, but they would pile up) is cleared
 * when the next refresh starts (docs/etl.md#derived-refresh).
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { fileTempDb } from '../test-db.ts';
import { refreshDerived } from './index.ts';

const db = fileTempDb();

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const KILLED = '00000000-0000-4000-8000-0000000000ff';

const keyRows = async () =>
  Number((await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM refresh_keys'))[0]?.n ?? -1);

describe('refresh_keys', () => {
  it('holds nothing after a refresh, and a killed refresh’s keys are cleared first', async () => {
    // what a refresh killed after writing its key sets leaves behind
    await db.client.insert({
      table: 'refresh_keys',
      values: [{ refresh_id: KILLED, kind: 'accounts_opened', key: 'GHOST', day: '1970-01-01' }],
      format: 'JSONEachRow',
    });
    await db.client.insert({
      table: 'account_opened',
      values: [
        {
          event_id: 'o1',
          occurred_at: '2026-01-01 00:00:00',
          account_id: 'A1',
          customer_hash: 'h',
          product: 'card',
          portfolio: 'retail',
          region: 'north',
          opened_on: '2026-01-01',
          principal: '1000.00',
          risk_grade: 'B',
          utc_offset_minutes: 0,
          load_id: LOAD_1,
        },
      ],
      format: 'JSONEachRow',
    });
    await refreshDerived(db, { loadIds: [LOAD_1] });
    // one account opened → one account_dims row; the leftover key set and this refresh's
    // own sets are gone
    const dims = await queryRows<{ account_id: string }>(
      db,
      'SELECT account_id FROM account_dims ORDER BY account_id',
    );
    expect(dims).toEqual([{ account_id: 'A1' }]);
    expect(await keyRows()).toBe(0);
  });
});

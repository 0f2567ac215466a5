/**
 * refresh_keys: the key sets of one refresh are written once, read by every table, and
 * gone when the refresh ends; what a killed refresh left (rows under another refresh id:
 * never read, since every statement reads its own id, but they would pile up) is cleared
 * when the next refresh starts (docs/etl.md#derived-refresh).
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { countInserts } from '../testing.ts';
import { fileTempDb } from '../test-db.ts';
import { refreshDerived } from './index.ts';
import { keyLayers, type KeySet } from './keys.ts';

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

  it('writes the key sets in one statement per layer, not one per set', async () => {
    await db.client.command({ query: 'TRUNCATE TABLE account_opened' });
    const LOAD_2 = '00000000-0000-4000-8000-000000000002';
    const row = { occurred_at: '2026-02-03 10:00:00', load_id: LOAD_2 };
    const insert = (table: string, values: Record<string, unknown>[]) =>
      db.client.insert({ table, values, format: 'JSONEachRow' });
    await insert('account_opened', [{ ...row, event_id: 'k1', account_id: 'A2' }]);
    await insert('case_opened', [{ ...row, event_id: 'k2', account_id: 'A2', case_id: 'C2' }]);
    await insert('contact_attempt', [
      { ...row, event_id: 'k3', case_id: 'C2', agent_id: 'AG1', channel: 'call' },
    ]);
    await insert('payment', [{ ...row, event_id: 'k4', account_id: 'A2', case_id: 'C2' }]);
    const inserts = countInserts(db);
    await refreshDerived(db, { loadIds: [LOAD_2] });
    inserts.stop();
    // Sets of the 4 loaded types (accounts_opened, cases_opened, cases_attempted,
    // cases_agent_attempted, days_attempted, cases_paid, days_paid: 7 written one by one
    // before, plus cases_of_accounts_opened, the two days_of_openings, case_dims_cases and
    // agent_days = 12) in 5 statements: the event tables' sets (1), those reading them:
    // cases_of_accounts_opened (2), the days of their attempts and payments (3); then
    // case_dims_cases after case_facts (4) and agent_days after voice_attempts (5).
    expect(inserts.count('refresh_keys')).toBe(5);
    // and they were the right keys: C2's dimensions (case_dims_cases) and AG1's day (agent_days)
    const dims = await queryRows<{ case_id: string; account_id: string }>(
      db,
      'SELECT case_id, account_id FROM case_dims',
    );
    expect(dims).toEqual([{ case_id: 'C2', account_id: 'A2' }]);
    const days = await queryRows<{ agent_id: string; day: string; attempts: string }>(
      db,
      'SELECT agent_id, toString(day) AS day, toString(attempts) AS attempts FROM agent_day',
    );
    expect(days).toEqual([{ agent_id: 'AG1', day: '2026-02-03', attempts: '1' }]);
  });

  it('puts each key set in the layer after the sets it uses', () => {
    const set = (name: string, uses: KeySet[] = []): KeySet => ({ name, select: '', uses });
    const a = set('a');
    const b = set('b');
    const c = set('c', [a]);
    const d = set('d', [c, b]);
    const names = (layers: KeySet[][]) => layers.map((l) => l.map((s) => s.name));
    expect(names(keyLayers([d]))).toEqual([['a', 'b'], ['c'], ['d']]);
    // a set written already is not written again, and its users can come first
    expect(names(keyLayers([d], new Set(['a', 'c'])))).toEqual([['b'], ['d']]);
  });
});

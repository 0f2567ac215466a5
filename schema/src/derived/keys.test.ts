/**
 * refresh_keys: the key sets of one refresh are written once, read by every table, and
 * gone when the refresh ends; what a killed refresh left (rows under another refresh id:
 * never read, since every statement reads its own id, but they would pile up) is cleared
 * when the next refresh starts (docs/etl.md#derived-refresh).
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { countInserts, recordStatements } from '../testing.ts';
import { fileTempDb } from '../test-db.ts';
import { refreshDerived } from './index.ts';
import {
  daySet,
  keyDaySet,
  keyLayers,
  keySet,
  loadedIds,
  wholeKeysSql,
  type KeySet,
} from './keys.ts';

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
    // every set written, though these tables hold this load's rows only (next test)
    await refreshDerived(db, { loadIds: [LOAD_2], wholeKeys: false });
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

  it('reads the sets of an event table holding only the loads’ rows in place, and writes them onto history', async () => {
    const LOAD_2 = '00000000-0000-4000-8000-000000000002';
    const LOAD_3 = '00000000-0000-4000-8000-000000000003';
    const derived = async () => [
      await queryRows(db, 'SELECT case_id, account_id FROM case_dims ORDER BY case_id'),
      await queryRows(
        db,
        'SELECT agent_id, toString(day) AS day, attempts FROM agent_day ORDER BY agent_id, day',
      ),
      // A1's row is the first test's
      await queryRows(
        db,
        `SELECT account_id, portfolio FROM account_dims WHERE account_id != 'A1' ORDER BY account_id`,
      ),
    ];
    const keyed = await derived();
    for (const name of ['case_dims', 'agent_day', 'account_dims', 'case_facts', 'voice_attempts'])
      await db.client.command({ query: `TRUNCATE TABLE ${name}` });
    // the tables the previous test loaded hold LOAD_2's rows only: the first load's case
    const first = countInserts(db);
    const sent = recordStatements(db, 'command');
    await refreshDerived(db, { loadIds: [LOAD_2] });
    sent.stop();
    first.stop();
    // of the 7 sets of event tables only those of many rows per key (cases_attempted,
    // cases_agent_attempted, days_attempted, cases_paid, days_paid: 1); then
    // cases_of_accounts_opened (reading accounts_opened in place: 2), the days of openings
    // (3), case_dims_cases, agent_days — not accounts_opened, cases_opened
    expect(first.count('refresh_keys')).toBe(5);
    const written = sent.sent.filter((q) => q.startsWith('INSERT INTO refresh_keys')).join('\n');
    expect(written).toContain(`'cases_attempted' AS kind`);
    expect(written).not.toContain(`'accounts_opened' AS kind`);
    expect(written).not.toContain(`'cases_opened' AS kind`);
    expect(await derived()).toEqual(keyed);
    // a load onto history (account_opened holds LOAD_2's rows too): its sets are written
    await db.client.insert({
      table: 'account_opened',
      values: [
        { event_id: 'k5', occurred_at: '2026-02-04 10:00:00', load_id: LOAD_3, account_id: 'A3' },
      ],
      format: 'JSONEachRow',
    });
    const onto = countInserts(db);
    await refreshDerived(db, { loadIds: [LOAD_3] });
    onto.stop();
    // accounts_opened (1), cases_of_accounts_opened (2), the days of openings (3),
    // case_dims_cases, agent_days
    expect(onto.count('refresh_keys')).toBe(5);
    expect((await derived())[2]).toEqual([
      { account_id: 'A2', portfolio: '' },
      { account_id: 'A3', portfolio: '' },
    ]);
  });

  it('reads a whole set from its event table in each subquery form, the others from refresh_keys', () => {
    const a = loadedIds('a', 'payment', 'case_id', '', true);
    const b = loadedIds('b', 'case_opened', 'case_id');
    expect(b.whole).toBeUndefined();
    const whole = new Map([[a.name, a]]);
    const keyed = '(SELECT key FROM refresh_keys WHERE refresh_id = {keysId:UUID} AND kind IN';
    expect(wholeKeysSql(`x IN ${keySet(b)}`, whole)).toBe(`x IN ${keySet(b)}`);
    expect(wholeKeysSql(`x IN ${keySet(a)}`, whole)).toBe(
      `x IN (SELECT key FROM (SELECT key, day FROM (${a.whole})))`,
    );
    expect(a.whole).toBe('SELECT case_id AS key, toDate32(0) AS day FROM payment\nWHERE 1');
    const both = wholeKeysSql(`x IN ${keySet(a, b)} AND d IN ${daySet(b, a)}`, whole);
    expect(both).not.toContain(keyed);
    expect(both).toContain(`kind IN ('b')`);
    expect(both).not.toContain(`'a'`);
    expect(both.match(/FROM payment/g)).toHaveLength(2);
    expect(wholeKeysSql(`(k, d) IN ${keyDaySet(a)}`, whole)).toBe(
      `(k, d) IN (SELECT key, day FROM (SELECT key, day FROM (${a.whole})))`,
    );
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

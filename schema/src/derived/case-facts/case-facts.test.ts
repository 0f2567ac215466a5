/**
 * case_facts and data_as_of refresh: one row per case with its first opening,
 * latest closure and first cure closure (docs/metrics/cure-curve.md), kept right
 * under late closures, closures loaded before their opening and second
 * openings; the as-of instant is the latest occurred_at of the loads.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';

const db = fileTempDb();

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';
const LOAD_3 = '00000000-0000-4000-8000-000000000003';

let seq = 0;
const opened = (
  load_id: string,
  case_id: string,
  occurred_at: string,
  strategy: string,
  entry_dpd = 30,
) => ({
  event_id: `o${++seq}`,
  occurred_at,
  case_id,
  account_id: `A-${case_id}-${strategy}`,
  strategy,
  experiment: 'exp',
  arm_role: 'control',
  segment: 'retail',
  entry_dpd,
  entry_balance: '100.50',
  load_id,
});
const closed = (load_id: string, case_id: string, occurred_at: string, outcome: string) => ({
  event_id: `c${++seq}`,
  occurred_at,
  case_id,
  outcome,
  load_id,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });

interface Fact {
  case_id: string;
  account_id: string;
  opened_at: string;
  strategy: string;
  entry_dpd: number;
  entry_balance: number;
  is_closed: number;
  closed_at: string;
  outcome: string;
  is_cured: number;
  cured_at: string;
}

const facts = () =>
  queryRows<Fact>(
    db,
    `SELECT case_id, account_id, toString(opened_at) AS opened_at, strategy, entry_dpd,
            toFloat64(entry_balance) AS entry_balance, is_closed,
            if(is_closed, toString(closed_at), '') AS closed_at, outcome, is_cured,
            if(is_cured, toString(cured_at), '') AS cured_at
     FROM case_facts ORDER BY case_id`,
  );
const asOf = async () =>
  (
    await queryRows<{ t: string }>(db, `SELECT toString(max(max_occurred_at)) AS t FROM data_as_of`)
  )[0]?.t;

const open = (case_id: string, opened_at: string, strategy: string, entry_dpd = 30): Fact => ({
  case_id,
  account_id: `A-${case_id}-${strategy}`,
  opened_at,
  strategy,
  entry_dpd,
  entry_balance: 100.5,
  is_closed: 0,
  closed_at: '',
  outcome: '',
  is_cured: 0,
  cured_at: '',
});

describe('case_facts refresh (docs/metrics/cure-curve.md)', () => {
  it('recomputes touched cases under late and out-of-order events', async () => {
    // Load 1: C1 and C3 open; C2 has only a closure (its opening arrives later): no row yet.
    // C4 opens and is closed 'settled' (not a cure).
    await insert('case_opened', [
      opened(LOAD_1, 'C1', '2026-01-10 09:00:00', 'A'),
      opened(LOAD_1, 'C3', '2026-01-05 09:00:00', 'A'),
      opened(LOAD_1, 'C4', '2026-01-07 09:00:00', 'A'),
    ]);
    await insert('case_closed', [
      closed(LOAD_1, 'C2', '2026-02-01 10:00:00', 'cured'),
      closed(LOAD_1, 'C4', '2026-01-20 10:00:00', 'settled'),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_1] });
    const c4: Fact = {
      ...open('C4', '2026-01-07 09:00:00.000', 'A'),
      is_closed: 1,
      closed_at: '2026-01-20 10:00:00.000',
      outcome: 'settled',
    };
    expect(await facts()).toEqual([
      open('C1', '2026-01-10 09:00:00.000', 'A'),
      open('C3', '2026-01-05 09:00:00.000', 'A'),
      c4,
    ]);
    // Latest occurred_at of load 1: C2's closure, 2026-02-01 10:00.
    expect(await asOf()).toBe('2026-02-01 10:00:00.000');

    // Load 2: C2's opening (after its closure was loaded); C1's late closure
    // 'paid_in_full' (a cure); C3 opened twice more: an EARLIER opening on
    // 01-03 with strategy B (the first opening wins: opened_at 01-03, B, dpd 60)
    // and a later one on 02-01 with strategy C (ignored).
    await insert('case_opened', [
      opened(LOAD_2, 'C2', '2026-01-20 08:00:00', 'B', 45),
      opened(LOAD_2, 'C3', '2026-01-03 09:00:00', 'B', 60),
      opened(LOAD_2, 'C3', '2026-02-01 09:00:00', 'C', 90),
    ]);
    await insert('case_closed', [closed(LOAD_2, 'C1', '2026-03-01 12:00:00', 'paid_in_full')]);
    await refreshDerived(db, { loadIds: [LOAD_2] });
    const c1: Fact = {
      ...open('C1', '2026-01-10 09:00:00.000', 'A'),
      is_closed: 1,
      closed_at: '2026-03-01 12:00:00.000',
      outcome: 'paid_in_full',
      is_cured: 1,
      cured_at: '2026-03-01 12:00:00.000',
    };
    const c2: Fact = {
      ...open('C2', '2026-01-20 08:00:00.000', 'B', 45),
      is_closed: 1,
      closed_at: '2026-02-01 10:00:00.000',
      outcome: 'cured',
      is_cured: 1,
      cured_at: '2026-02-01 10:00:00.000',
    };
    expect(await facts()).toEqual([c1, c2, open('C3', '2026-01-03 09:00:00.000', 'B', 60), c4]);
    // Load 2's latest event is C1's closure on 03-01 12:00, later than load 1's.
    expect(await asOf()).toBe('2026-03-01 12:00:00.000');

    // Load 3: C3 closed 'cured' on 02-10, then a later closure 'charged_off' on
    // 03-05 loaded in the same file BEFORE an older 'settled' one on 02-05:
    // latest closure 03-05 charged_off, still cured (first cure 02-10).
    await insert('case_closed', [
      closed(LOAD_3, 'C3', '2026-03-05 00:00:00', 'charged_off'),
      closed(LOAD_3, 'C3', '2026-02-05 00:00:00', 'settled'),
      closed(LOAD_3, 'C3', '2026-02-10 00:00:00', 'cured'),
    ]);
    await refreshDerived(db, { loadIds: [LOAD_3] });
    const c3: Fact = {
      ...open('C3', '2026-01-03 09:00:00.000', 'B', 60),
      is_closed: 1,
      closed_at: '2026-03-05 00:00:00.000',
      outcome: 'charged_off',
      is_cured: 1,
      cured_at: '2026-02-10 00:00:00.000',
    };
    // One row per case: the older rows of C1, C3 were deleted, C4 (untouched) kept.
    expect(await facts()).toEqual([c1, c2, c3, c4]);
    expect(await asOf()).toBe('2026-03-05 00:00:00.000');

    // Refreshing a load again changes nothing.
    await refreshDerived(db, { loadIds: [LOAD_1, LOAD_2, LOAD_3] });
    expect(await facts()).toEqual([c1, c2, c3, c4]);
    expect(await asOf()).toBe('2026-03-05 00:00:00.000');
  });
});

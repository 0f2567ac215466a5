/**
 * dimension_values refresh: the distinct non-empty values each load brought;
 * a value stays listed once any load carried it (a later opening replacing an
 * account's portfolio does not remove the old value), and refreshing a load
 * again (the rerun after a crash in the refresh phase) adds no row at all.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { recordStatements } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { dimensionValues } from './index.ts';

const db = fileTempDb();

const LOAD_1 = '00000000-0000-4000-8000-000000000001';
const LOAD_2 = '00000000-0000-4000-8000-000000000002';

let seq = 0;
const opened = (load_id: string, account_id: string, portfolio: string, risk_grade: string) => ({
  event_id: `o${++seq}`,
  occurred_at: '2026-01-01 00:00:00',
  account_id,
  customer_hash: 'h',
  product: 'card',
  portfolio,
  region: 'north',
  opened_on: '2025-06-01',
  principal: '1.00',
  risk_grade,
  load_id,
});
const kase = (load_id: string, case_id: string, strategy: string, experiment: string) => ({
  event_id: `c${++seq}`,
  occurred_at: '2026-01-01 00:00:00',
  case_id,
  account_id: 'A1',
  strategy,
  experiment,
  segment: '',
  entry_dpd: 1,
  entry_balance: '1.00',
  load_id,
});
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const values = () =>
  queryRows<{ kind: string; value: string }>(
    db,
    `SELECT toString(kind) AS kind, value FROM dimension_values GROUP BY kind, value ORDER BY kind, value`,
  );

describe('dimension_values refresh', () => {
  it('lists every non-empty value any committed load brought', async () => {
    // Load 1: A1 retail/B, A2 retail/'' (no grade: not listed); case K1 early_call, no experiment.
    await insert('account_opened', [
      opened(LOAD_1, 'A1', 'retail', 'B'),
      opened(LOAD_1, 'A2', 'retail', ''),
    ]);
    await insert('case_opened', [kase(LOAD_1, 'K1', 'early_call', '')]);
    await dimensionValues.refresh(db, { loadIds: [LOAD_1] });
    const first = [
      { kind: 'portfolios', value: 'retail' },
      { kind: 'products', value: 'card' },
      { kind: 'regions', value: 'north' },
      { kind: 'riskGrades', value: 'B' },
      { kind: 'strategies', value: 'early_call' },
    ];
    expect(await values()).toEqual(first);

    // Load 2: A1 re-opened into sme (retail stays listed: A2 and the old record carry it);
    // K2 in experiment exp1.
    await insert('account_opened', [opened(LOAD_2, 'A1', 'sme', 'B')]);
    await insert('case_opened', [kase(LOAD_2, 'K2', 'early_call', 'exp1')]);
    await dimensionValues.refresh(db, { loadIds: [LOAD_2] });
    const both = [
      { kind: 'experiments', value: 'exp1' },
      { kind: 'portfolios', value: 'retail' },
      { kind: 'portfolios', value: 'sme' },
      ...first.slice(1),
    ];
    expect(await values()).toEqual(both);

    // Refreshing both loads again lists the same values and writes no row: one row per
    // load and value; load 1 brought 5 (retail, card, north, B, early_call), load 2 six
    // (sme, card, north, B, early_call, exp1) → 11 rows.
    const rows = async () =>
      (await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM dimension_values'))[0]?.n;
    expect(await rows()).toBe('11');
    await dimensionValues.refresh(db, { loadIds: [LOAD_1, LOAD_2] });
    expect(await values()).toEqual(both);
    expect(await rows()).toBe('11');
  });

  it('reads only the openings of the event tables the loads hold', async () => {
    const LOAD_3 = '00000000-0000-4000-8000-000000000003';
    await insert('account_opened', [opened(LOAD_3, 'A3', 'mortgage', 'C')]);
    const sent = recordStatements(db, 'command');
    // the loads hold account openings only (as the ETL knows): case_opened is not read
    await dimensionValues.refresh(db, {
      loadIds: [LOAD_3],
      eventTypes: new Set(['account_opened']),
    });
    // and a load of payments only reads nothing at all
    await dimensionValues.refresh(db, { loadIds: [LOAD_3], eventTypes: new Set(['payment']) });
    sent.stop();
    expect(sent.sent).toHaveLength(1);
    expect(sent.sent[0]).toContain('FROM account_opened');
    expect(sent.sent[0]).not.toContain('FROM case_opened');
    expect((await values()).filter((v) => v.value === 'mortgage' || v.value === 'C')).toEqual([
      { kind: 'portfolios', value: 'mortgage' },
      { kind: 'riskGrades', value: 'C' },
    ]);
  });
});

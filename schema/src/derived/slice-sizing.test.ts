/**
 * A sliced refresh is sized from the rows its insert reads (docs/etl.md, Slicing), not
 * from the loaded rows: a load of openings only rewrites every voice attempt of the
 * accounts' cases (voice_attempts' openings pass), a bulk reassignment every payment of
 * its cases (payment_facts), though neither load holds an attempt or a payment. With
 * slices of a few rows, each must run more than one INSERT — and write the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import {
  countInserts,
  derivedFingerprints,
  eventMaker,
  insertLoad,
  testLoadId,
} from '../testing.ts';
import { fileTempDb } from '../test-db.ts';
import { refreshDerived } from './index.ts';

const db = fileTempDb();

const ev = eventMaker();
const L = testLoadId;
const CASES = [1, 2, 3, 4, 5, 6];
const opening = (l: string, k: number) =>
  ev(l, '2026-03-01 00:00:00.000', {
    account_id: `SA${k}`,
    product: 'card',
    portfolio: 'retail',
    region: 'north',
    risk_grade: 'B',
    opened_on: '2025-01-01',
    principal: '100',
    utc_offset_minutes: 60,
  });

/** How many INSERTs into `table` `run` makes. */
async function insertsInto(table: string, run: () => Promise<void>): Promise<number> {
  const inserts = countInserts(db);
  try {
    await run();
  } finally {
    inserts.stop();
  }
  return inserts.count(table);
}

describe('slices sized from the rows the statement reads', () => {
  beforeAll(async () => {
    // Load 1: six cases on six accounts; each case assigned to AG1 on 03-01, two calls
    // (03-02, 03-03) and a payment on 03-04: 12 voice attempts, 6 payments.
    await insertLoad(db, L(1), {
      account_opened: CASES.map((k) => opening(L(1), k)),
      case_opened: CASES.map((k) =>
        ev(L(1), '2026-03-01 00:00:00.000', {
          case_id: `SK${k}`,
          account_id: `SA${k}`,
          strategy: 'early_call',
          entry_dpd: 5,
          entry_balance: '100',
        }),
      ),
      case_assigned: CASES.map((k) =>
        ev(L(1), '2026-03-01 01:00:00.000', { case_id: `SK${k}`, agent_id: 'AG1' }),
      ),
      contact_attempt: CASES.flatMap((k) =>
        ['2026-03-02 10:00:00.000', '2026-03-03 10:00:00.000'].map((at) =>
          ev(L(1), at, {
            case_id: `SK${k}`,
            agent_id: 'AG1',
            channel: 'call',
            outcome: 'no_answer',
          }),
        ),
      ),
      payment: CASES.map((k) =>
        ev(L(1), '2026-03-04 00:00:00.000', {
          payment_id: `SP${k}`,
          account_id: `SA${k}`,
          case_id: `SK${k}`,
          amount: '10',
        }),
      ),
    });
  });

  it('a load of openings only: voice_attempts rewrites its 12 attempts in several slices', async () => {
    const before = await derivedFingerprints(db);
    // Load 2: the same account_opened re-sent for every account, nothing else. Without the
    // fix the slices counted the load's voice attempts (none): one statement.
    const rows = CASES.map((k) => opening(L(2), k));
    await db.client.insert({ table: 'account_opened', values: rows, format: 'JSONEachRow' });
    const n = await insertsInto('voice_attempts', () =>
      refreshDerived(db, { loadIds: [L(2)], rowsPerSlice: 3 }),
    );
    // 12 attempts in slices of about 3: several ranges of cases (sampled bounds)
    expect(n).toBeGreaterThan(1);
    expect((await derivedFingerprints(db)).voice_attempts).toBe(before.voice_attempts);
  });

  it('a bulk reassignment: payment_facts rewrites its 6 payments in several slices', async () => {
    // Load 3: every case reassigned to AG2 on 03-01 02:00, before its payment. Without the
    // fix the slices counted the load's attempts and payments (none): one statement.
    const rows = CASES.map((k) =>
      ev(L(3), '2026-03-01 02:00:00.000', { case_id: `SK${k}`, agent_id: 'AG2' }),
    );
    await db.client.insert({ table: 'case_assigned', values: rows, format: 'JSONEachRow' });
    const n = await insertsInto('payment_facts', () =>
      refreshDerived(db, { loadIds: [L(3)], rowsPerSlice: 3 }),
    );
    // 6 payments + 12 attempts + 12 assignments read, slices of about 3 rows
    expect(n).toBeGreaterThan(1);
    // every payment now credited to AG2, one row each
    expect(
      await queryRows(
        db,
        `SELECT agent_id, count() AS n, uniqExact(payment_id) AS payments FROM payment_facts GROUP BY agent_id`,
      ),
    ).toEqual([{ agent_id: 'AG2', n: '6', payments: '6' }]);
  });
});

/**
 * The loads' bounds (load-bounds.ts): one query finds what the loads hold, each
 * partitioned table's statements read only the loads' months, and the bound is the
 * loads' own extremes — a late event of an earlier month is still read and refreshed.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { eventMaker, insertLoad, recordStatements, testLoadId } from '../testing.ts';
import { fileTempDb } from '../test-db.ts';
import { refreshDerived } from './index.ts';
import { loadBounds, loadedRows, loadParams } from './load-bounds.ts';

const db = fileTempDb();

const ev = eventMaker();
const L = testLoadId;
const ms = (at: string) => Date.parse(`${at.replace(' ', 'T')}Z`);

const pay = (l: string, at: string, id: string, amount: string) =>
  ev(l, at, { payment_id: id, account_id: 'BA1', case_id: 'BK1', amount });
const snap = (l: string, at: string, as_of: string) =>
  ev(l, at, { account_id: 'BA1', as_of, dpd: 0, balance: '100', amount_due: '0', status: 'open' });

const collected = () =>
  queryRows<{ d: string; c: string }>(
    db,
    `SELECT toString(day) AS d, toString(sum(collected)) AS c FROM kpi_daily
     GROUP BY day HAVING sum(collected) > 0 ORDER BY day`,
  );

describe('load bounds', () => {
  it('finds the tables, each partitioned table’s extremes and each load’s latest instant', async () => {
    await insertLoad(db, L(1), {
      payment: [
        pay(L(1), '2026-03-20 10:00:00.000', 'BP1', '10'),
        pay(L(1), '2026-05-02 08:30:00.000', 'BP2', '20'),
      ],
      account_snapshot: [snap(L(1), '2026-04-30 23:00:00.000', '2026-04-30')],
    });
    const bounds = await loadBounds(db, [L(1)]);
    expect([...bounds.eventTypes].sort()).toEqual(['account_snapshot', 'payment']);
    expect(bounds.occurred.get('payment')).toEqual({
      lo: BigInt(ms('2026-03-20 10:00:00.000')),
      hi: BigInt(ms('2026-05-02 08:30:00.000')),
    });
    // the latest instant of the load, any table: the May payment (data_as_of)
    expect(bounds.latest.get(L(1))).toBe(BigInt(ms('2026-05-02 08:30:00.000')));
    const asOf = await queryRows<{ t: string }>(
      db,
      `SELECT toString(max_occurred_at) AS t FROM data_as_of WHERE load_id = {l:UUID}`,
      { l: L(1) },
    );
    expect(asOf).toEqual([{ t: '2026-05-02 08:30:00.000' }]);
    // both payments are within the bound; the snapshot's bound is its as_of
    const read = (table: 'payment' | 'account_snapshot') =>
      queryRows<{ n: string }>(
        db,
        `SELECT count() AS n FROM ${table} WHERE ${loadedRows(table)}`,
        loadParams([L(1)], bounds),
      );
    expect(await read('payment')).toEqual([{ n: '2' }]);
    expect(await read('account_snapshot')).toEqual([{ n: '1' }]);
  });

  it('a table the loads hold no row of reads nothing; unknown bounds read every month', async () => {
    const bounds = await loadBounds(db, [L(1)]);
    const attempts = `SELECT count() AS n FROM contact_attempt WHERE ${loadedRows('contact_attempt')}`;
    expect(await queryRows(db, attempts, loadParams([L(1)], bounds))).toEqual([{ n: '0' }]);
    const payments = `SELECT count() AS n FROM payment WHERE ${loadedRows('payment')}`;
    expect(await queryRows(db, payments, loadParams([L(1)]))).toEqual([{ n: '2' }]);
  });

  it('scans only the event tables the caller says the loads wrote', async () => {
    // L(1) holds a payment and a snapshot; a caller that knows it wrote payments only
    // (the ETL, for its own loads) gets the payments' bounds from a read of payment alone
    const read = recordStatements(db, 'query');
    const bounds = await loadBounds(db, [L(1)], new Set(['payment']));
    read.stop();
    expect([...bounds.eventTypes]).toEqual(['payment']);
    expect(bounds.occurred.get('payment')?.lo).toBe(BigInt(ms('2026-03-20 10:00:00.000')));
    expect(read.sent).toHaveLength(1);
    expect(read.sent[0]).toContain('FROM payment ');
    expect(read.sent[0]).not.toContain('FROM account_snapshot ');
  });

  it('a later load holding a late event of an earlier month still refreshes it', async () => {
    // L(2): one payment in May (after L(1)) and a late one in January, months before
    // every partition the loads wrote so far: the bound must reach back to it
    await insertLoad(db, L(2), {
      payment: [
        pay(L(2), '2026-05-03 09:00:00.000', 'BP3', '30'),
        pay(L(2), '2026-01-05 12:00:00.000', 'BP4', '40'),
      ],
    });
    const facts = await queryRows<{ payment_id: string }>(
      db,
      `SELECT payment_id FROM payment_facts WHERE account_id = 'BA1' ORDER BY payment_id`,
    );
    expect(facts.map((r) => r.payment_id)).toEqual(['BP1', 'BP2', 'BP3', 'BP4']);
    // collected per UTC day: one payment each
    expect(await collected()).toEqual([
      { d: '2026-01-05', c: '40' },
      { d: '2026-03-20', c: '10' },
      { d: '2026-05-02', c: '20' },
      { d: '2026-05-03', c: '30' },
    ]);
  });

  it('writes data_as_of for a load id its caller wrote in capitals', async () => {
    // ClickHouse stores a UUID without case; the bounds key each load by toString(load_id)
    const upper = 'ABCDEF00-0000-4000-8000-000000000009';
    const values = [pay(upper.toLowerCase(), '2026-06-01 07:00:00.000', 'BP9', '5')];
    await db.client.insert({ table: 'payment', values, format: 'JSONEachRow' });
    await refreshDerived(db, { loadIds: [upper] });
    expect(
      await queryRows<{ t: string }>(
        db,
        `SELECT toString(max_occurred_at) AS t FROM data_as_of WHERE load_id = {l:UUID}`,
        { l: upper },
      ),
    ).toEqual([{ t: '2026-06-01 07:00:00.000' }]);
  });
});

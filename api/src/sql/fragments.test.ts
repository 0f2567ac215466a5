/**
 * Golden tests of the shared SQL fragments (promise status, attribution, case
 * facts, portfolio filter, periods), on a fixture small enough to check by eye.
 * REPORT_TZ is Asia/Shanghai (UTC+8), PROMISE_GRACE_DAYS 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, refreshDerived } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { portfolioFilterSql } from '../filters/portfolio-filter.ts';
import { CASES_SQL, CURE_DAY_SQL, curedWithinSql, matureDaysSql, matureSql } from './cases.ts';
import { ATTRIBUTED_PAYMENTS_SQL } from './payments.ts';
import { inPeriodSql, previousPeriod } from './period.ts';
import { KEPT_RATE_SQL, PROMISES_SQL } from './promises.ts';
import { AS_OF_INSTANT_SQL } from './as-of.ts';
import { bucketRankSql, rankOf } from './buckets.ts';

let db: TempDb;
const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
let n = 0;
const ev = (occurred_at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at,
  ...fields,
});

beforeAll(async () => {
  db = await openTempDb();
  await insert('promise_to_pay', [
    // Window end of a promise due 2026-03-05: end of 2026-03-08 Shanghai = 2026-03-08 16:00 UTC.
    ev('2026-03-01 02:00:00', {
      ptp_id: 'P1',
      case_id: 'K1',
      agent_id: 'A1',
      amount: '100',
      due_on: '2026-03-05',
    }),
    ev('2026-03-01 02:00:00', {
      ptp_id: 'P2',
      case_id: 'K2',
      agent_id: 'A1',
      amount: '100',
      due_on: '2026-03-05',
    }),
    ev('2026-03-01 02:00:00', {
      ptp_id: 'P3',
      case_id: 'K3',
      agent_id: 'A2',
      amount: '80',
      due_on: '2026-03-05',
    }),
    // Due 2026-04-01 → window ends at the end of 04-04 Shanghai = 2026-04-04 16:00 UTC, after the as-of instant (2026-04-01 00:00 UTC): pending.
    ev('2026-03-20 00:00:00', {
      ptp_id: 'P4',
      case_id: 'K1',
      agent_id: 'A2',
      amount: '10',
      due_on: '2026-04-01',
    }),
  ]);
  await insert('payment', [
    // K1: 60 + 40 (the 40 lands exactly at the window's end) = 100 ≥ 100 → P1 kept.
    ev('2026-03-02 00:00:00', { payment_id: 'Y1', account_id: 'AC1', case_id: 'K1', amount: '60' }),
    ev('2026-03-08 16:00:00', { payment_id: 'Y2', account_id: 'AC1', case_id: 'K1', amount: '40' }),
    // K2: 50 inside, 50 one minute after the end → 50 < 100 → P2 partial.
    ev('2026-03-04 00:00:00', { payment_id: 'Y3', account_id: 'AC2', case_id: 'K2', amount: '50' }),
    ev('2026-03-08 16:01:00', { payment_id: 'Y4', account_id: 'AC2', case_id: 'K2', amount: '50' }),
    // K3: only a payment before the promise → P3 broken.
    ev('2026-02-28 00:00:00', { payment_id: 'Y5', account_id: 'AC3', case_id: 'K3', amount: '80' }),
    // No case: attributed to nobody.
    ev('2026-03-03 00:00:00', { payment_id: 'Y6', account_id: 'AC4', case_id: '', amount: '5' }),
  ]);
  await insert('case_assigned', [
    ev('2026-03-01 00:00:00', { case_id: 'K1', agent_id: 'A1' }),
    ev('2026-03-05 00:00:00', { case_id: 'K1', agent_id: 'A2' }),
    // Assigned at the very instant of the payment: "at or before" → holds it.
    ev('2026-02-28 00:00:00', { case_id: 'K3', agent_id: 'A3' }),
  ]);
  await insert('case_opened', [
    ev('2026-03-01 00:00:00', {
      case_id: 'K1',
      account_id: 'AC1',
      strategy: 's1',
      entry_dpd: 5,
      entry_balance: '500',
    }),
    ev('2026-03-01 00:00:00', {
      case_id: 'K2',
      account_id: 'AC2',
      strategy: 's1',
      entry_dpd: 40,
      entry_balance: '700',
    }),
    ev('2026-03-01 00:00:00', {
      case_id: 'K3',
      account_id: 'AC3',
      strategy: 's2',
      entry_dpd: 10,
      entry_balance: '100',
    }),
    // A second opening of K3 later: the first one counts.
    ev('2026-03-10 00:00:00', {
      case_id: 'K3',
      account_id: 'AC3',
      strategy: 's9',
      entry_dpd: 99,
      entry_balance: '1',
    }),
  ]);
  await insert('case_closed', [
    ev('2026-03-31 00:00:00', { case_id: 'K1', outcome: 'cured' }), // exactly t0 + 30 × 24 h
    ev('2026-03-15 00:00:00', { case_id: 'K2', outcome: 'settled' }),
  ]);
  await insert('account_opened', [
    ev('2026-01-01 00:00:00', {
      account_id: 'AC1',
      customer_hash: 'h',
      product: 'credit_card',
      portfolio: 'retail',
      region: 'north',
      opened_on: '2025-01-01',
      principal: '1000',
    }),
    ev('2026-01-01 00:00:00', {
      account_id: 'AC2',
      customer_hash: 'h',
      product: 'auto_loan',
      portfolio: 'retail',
      region: 'south',
      opened_on: '2025-01-01',
      principal: '1000',
    }),
    // A later correction moves AC2 to the sme portfolio: latest wins.
    ev('2026-02-01 00:00:00', {
      account_id: 'AC2',
      customer_hash: 'h',
      product: 'auto_loan',
      portfolio: 'sme',
      region: 'south',
      opened_on: '2025-01-01',
      principal: '1000',
    }),
  ]);
  // The as-of instant: the latest event loaded.
  await insert('contact_attempt', [
    ev('2026-04-01 00:00:00', { case_id: 'K1', channel: 'sms', outcome: 'delivered' }),
  ]);
  // Rows carry the default load_id; refresh the derived tables as the ETL does after a load.
  await refreshDerived(db, { loadIds: ['00000000-0000-0000-0000-000000000000'] });
});
afterAll(() => db.dispose());

describe('PROMISES_SQL (docs/metrics/README.md#promise-kept)', () => {
  it('gives kept, partial, broken and pending with the window ends', async () => {
    const rows = await queryRows<{
      ptp_id: string;
      status: string;
      paid: number;
      window_end: string;
    }>(
      db,
      `SELECT ptp_id, status, toFloat64(paid) AS paid, window_end FROM ${PROMISES_SQL} ORDER BY ptp_id`,
      { grace: 3, tz: 'Asia/Shanghai' },
    );
    expect(rows).toEqual([
      { ptp_id: 'P1', status: 'kept', paid: 100, window_end: '2026-03-08T16:00:00.000Z' },
      { ptp_id: 'P2', status: 'partial', paid: 50, window_end: '2026-03-08T16:00:00.000Z' },
      { ptp_id: 'P3', status: 'broken', paid: 0, window_end: '2026-03-08T16:00:00.000Z' },
      { ptp_id: 'P4', status: 'pending', paid: 0, window_end: '2026-04-04T16:00:00.000Z' },
    ]);
  });

  it('kept rate = kept / matured = 1 / 3', async () => {
    const [row] = await queryRows<{ r: number }>(
      db,
      `SELECT ${KEPT_RATE_SQL} AS r FROM ${PROMISES_SQL}`,
      {
        grace: 3,
        tz: 'Asia/Shanghai',
      },
    );
    expect(row?.r).toBeCloseTo(1 / 3, 12);
  });

  it('a grace of 0 ends the window at the end of the due day', async () => {
    // Due 2026-03-05, grace 0 → ends 2026-03-05 16:00 UTC: P1 has only the 60 → partial.
    const rows = await queryRows<{ status: string }>(
      db,
      `SELECT status FROM ${PROMISES_SQL} WHERE ptp_id = 'P1'`,
      {
        grace: 0,
        tz: 'Asia/Shanghai',
      },
    );
    expect(rows).toEqual([{ status: 'partial' }]);
  });
});

describe('ATTRIBUTED_PAYMENTS_SQL (docs/metrics/README.md#attribution)', () => {
  it('credits the holder at the payment instant, nobody without a case or assignee', async () => {
    const rows = await queryRows<{ payment_id: string; agent_id: string }>(
      db,
      `SELECT payment_id, agent_id FROM ${ATTRIBUTED_PAYMENTS_SQL} ORDER BY payment_id`,
    );
    expect(rows).toEqual([
      { payment_id: 'Y1', agent_id: 'A1' }, // before the reassignment
      { payment_id: 'Y2', agent_id: 'A2' }, // after it
      { payment_id: 'Y3', agent_id: '' }, // K2 never assigned
      { payment_id: 'Y4', agent_id: '' },
      { payment_id: 'Y5', agent_id: 'A3' }, // assigned at the same instant
      { payment_id: 'Y6', agent_id: '' }, // no case
    ]);
  });
});

describe('CASES_SQL (docs/metrics/cure-curve.md)', () => {
  it('keeps the first opening and flags cures within N days at the boundary', async () => {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      `SELECT case_id, strategy, toFloat64(entry_balance) AS entry_balance, is_closed, outcome,
              ${curedWithinSql('30')} AS cured30, ${curedWithinSql('29')} AS cured29,
              ${matureSql('30', AS_OF_INSTANT_SQL)} AS mature30, ${matureSql('40', AS_OF_INSTANT_SQL)} AS mature40
       FROM ${CASES_SQL} ORDER BY case_id`,
    );
    // As-of 2026-04-01 00:00 UTC; opened 2026-03-01 00:00 UTC: +30 d = 03-31 (mature), +40 d = 04-10 (not).
    expect(rows).toEqual([
      {
        case_id: 'K1',
        strategy: 's1',
        entry_balance: 500,
        is_closed: 1,
        outcome: 'cured',
        cured30: 1,
        cured29: 0,
        mature30: 1,
        mature40: 0,
      },
      {
        case_id: 'K2',
        strategy: 's1',
        entry_balance: 700,
        is_closed: 1,
        outcome: 'settled',
        cured30: 0,
        cured29: 0,
        mature30: 1,
        mature40: 0,
      },
      {
        case_id: 'K3',
        strategy: 's2',
        entry_balance: 100,
        is_closed: 0,
        outcome: '',
        cured30: 0,
        cured29: 0,
        mature30: 1,
        mature40: 0,
      },
    ]);
  });
  it('CURE_DAY_SQL / matureDaysSql are the first N cured and the last N mature', async () => {
    // K1 opened 03-01 00:00, cured 03-31 00:00 = exactly 30 × 24 h → 30; K2 (settled) and K3 (open) never.
    // As-of 04-01 00:00: every case opened 03-01 00:00 → 31 whole days → mature up to N = 31.
    const rows = await queryRows<{ case_id: string; cure_day: string | null; mature_days: string }>(
      db,
      `SELECT case_id, ${CURE_DAY_SQL} AS cure_day, ${matureDaysSql(AS_OF_INSTANT_SQL)} AS mature_days
       FROM ${CASES_SQL} ORDER BY case_id`,
    );
    expect(rows).toEqual([
      { case_id: 'K1', cure_day: '30', mature_days: '31' },
      { case_id: 'K2', cure_day: null, mature_days: '31' },
      { case_id: 'K3', cure_day: null, mature_days: '31' },
    ]);
    // And they agree with the per-N predicates for every N in 0…40.
    const [check] = await queryRows<{ mismatches: string }>(
      db,
      `SELECT countIf((${curedWithinSql('n')}) != ifNull(${CURE_DAY_SQL} <= n, 0)
                   OR (${matureSql('n', AS_OF_INSTANT_SQL)}) != (${matureDaysSql(AS_OF_INSTANT_SQL)} >= n)) AS mismatches
       FROM ${CASES_SQL} ARRAY JOIN range(41) AS n`,
    );
    expect(check).toEqual({ mismatches: '0' });
  });
});

describe('portfolioFilterSql', () => {
  it('filters on the latest account_opened and ignores empty lists', async () => {
    const run = async (filter: Parameters<typeof portfolioFilterSql>[0]) => {
      const f = portfolioFilterSql(filter, 'account_id');
      const rows = await queryRows<{ account_id: string }>(
        db,
        `SELECT DISTINCT account_id FROM payment WHERE ${f.condition} ORDER BY account_id`,
        f.params,
      );
      return rows.map((r) => r.account_id);
    };
    expect(await run(undefined)).toEqual(['AC1', 'AC2', 'AC3', 'AC4']);
    expect(await run({ portfolios: [] })).toEqual(['AC1', 'AC2', 'AC3', 'AC4']);
    expect(await run({ portfolios: ['retail'] })).toEqual(['AC1']); // AC2 moved to sme
    expect(await run({ portfolios: ['retail', 'sme'], regions: ['south'] })).toEqual(['AC2']);
  });
});

describe('periods', () => {
  it('takes [from, to] as whole local days', async () => {
    const rows = await queryRows<{ payment_id: string }>(
      db,
      `SELECT payment_id FROM payment WHERE ${inPeriodSql('occurred_at')} ORDER BY payment_id`,
      // 2026-03-04 .. 2026-03-08 Shanghai = [03-03 16:00, 03-08 16:00) UTC: Y3 (03-04 00:00) and Y2 ends it exactly → out.
      { from: '2026-03-04', to: '2026-03-08', tz: 'Asia/Shanghai' },
    );
    expect(rows.map((r) => r.payment_id)).toEqual(['Y3']);
  });

  it('previous period of a period that is not whole months has the same length and ends the day before', () => {
    // 03-01..03-30 is 30 days (not up to the month's last day) → the 30 days 01-30..02-28.
    expect(previousPeriod('2026-03-01', '2026-03-30')).toEqual({
      from: '2026-01-30',
      to: '2026-02-28',
    });
    expect(previousPeriod('2026-03-05', '2026-03-05')).toEqual({
      from: '2026-03-04',
      to: '2026-03-04',
    });
  });
});

describe('bucketRankSql (docs/metrics/README.md#buckets, order)', () => {
  it('ranks M0 … M7_PLUS, then CHARGED_OFF; CLOSED is 0 whatever its dpd', async () => {
    const rows = await queryRows<{ r: number }>(
      db,
      `SELECT ${bucketRankSql('s', 'd')} AS r
       FROM values('s String, d UInt32', ('open', 0), ('open', 1), ('open', 30), ('open', 31), ('open', 181),
                   ('charged_off', 0), ('closed', 100))`,
    );
    expect(rows.map((row) => row.r)).toEqual([1, 2, 2, 3, 8, 9, 0]);
    expect([rankOf('M0'), rankOf('M2'), rankOf('M4'), rankOf('CHARGED_OFF')]).toEqual([1, 3, 5, 9]);
  });
});

/**
 * The refresh's shortcuts (docs/schema.md#derived-tables) leave the same rows as the full refresh:
 * - refreshDerived skips a table when the loads hold no event type it reads;
 * - payment_facts writes only the loaded payments (those without a row) for a
 *   load of payments only (no assignment, no attempt), reading older attempts
 *   only for cases without a recent one;
 * - promise_facts does nothing for payments on cases without a promise;
 * - a refresh into derived tables that were empty when it began skips their "older
 *   rows?" probes and DELETEs (refresh-steps.ts emptyTables, mayHoldOlder): a first
 *   load only writes, and later loads still replace the rows they rewrite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db.ts';
import { eventMaker, insertLoad, openTempDb, testLoadId, type TempDb } from '../testing.ts';
import { accountMonth } from './account-month/index.ts';
import { DERIVED_TABLES, refreshDerived, skipsLoads } from './index.ts';
import { emptyTables, loadedEventTypes } from './refresh-steps.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(() => db.dispose());

const ev = eventMaker();
const L = testLoadId;
const EPOCH = '1970-01-01 00:00:00.000';

const pay = (l: string, at: string, id: string, case_id: string, amount = '10') =>
  ev(l, at, { payment_id: id, account_id: 'SA1', case_id, amount });

const paymentFacts = () =>
  queryRows<{ payment_id: string; agent_id: string; attempt_at: string; attempt_channel: string }>(
    db,
    `SELECT payment_id, agent_id, toString(attempt_at) AS attempt_at, attempt_channel FROM payment_facts
     WHERE payment_id LIKE 'S%' ORDER BY payment_id, agent_id`,
  );

describe('event types of a load', () => {
  it('lists the event tables holding rows of the loads; tables reading none of them are skipped', async () => {
    await insertLoad(db, L(1), {
      legal_action: [ev(L(1), '2026-03-01 00:00:00.000', { case_id: 'LK1', action: 'filed' })],
      payment: [pay(L(1), '2026-03-01 00:00:00.000', 'Z1', 'LK1')],
    });
    const types = await loadedEventTypes(db, [L(1)]);
    expect([...types].sort()).toEqual(['legal_action', 'payment']);
    expect(skipsLoads(accountMonth, types)).toBe(true);
    // tables reading legal actions or payments, and data_as_of (reads every type), are refreshed
    // (their order is order.ts's: order.test.ts)
    const refreshed = DERIVED_TABLES.filter((t) => !skipsLoads(t, types)).map((t) => t.name);
    expect(refreshed.sort()).toEqual([
      'case_outcome_facts',
      'data_as_of',
      'kpi_daily',
      'legal_case_facts',
      'payment_facts',
      'promise_case_facts',
      'promise_facts',
    ]);
  });
});

describe('payment_facts after loads of payments only', () => {
  it('adds the loaded payments, keeps the earlier rows, and survives a second refresh', async () => {
    // Load 2: case SK1 assigned to A1 on 03-01, an sms on 03-02, payment S1 on 03-03.
    await insertLoad(db, L(2), {
      case_assigned: [ev(L(2), '2026-03-01 00:00:00.000', { case_id: 'SK1', agent_id: 'A1' })],
      contact_attempt: [
        ev(L(2), '2026-03-02 00:00:00.000', {
          case_id: 'SK1',
          agent_id: 'A1',
          channel: 'sms',
          outcome: 'no_answer',
        }),
      ],
      payment: [pay(L(2), '2026-03-03 00:00:00.000', 'S1', 'SK1')],
    });
    // Load 3, payments only: S2 on SK1 on 03-04 (holder A1, latest attempt the 03-02 sms,
    // both from load 2) and S3 without a case (no holder, no attempt).
    await insertLoad(db, L(3), {
      payment: [
        pay(L(3), '2026-03-04 00:00:00.000', 'S2', 'SK1'),
        pay(L(3), '2026-03-04 00:00:00.000', 'S3', ''),
      ],
    });
    const sms = { agent_id: 'A1', attempt_at: '2026-03-02 00:00:00.000', attempt_channel: 'sms' };
    const expected = [
      { payment_id: 'S1', ...sms },
      { payment_id: 'S2', ...sms },
      { payment_id: 'S3', agent_id: '', attempt_at: EPOCH, attempt_channel: '' },
    ];
    expect(await paymentFacts()).toEqual(expected);
    // The same load refreshed again (an ETL retry): one row per payment still.
    await refreshDerived(db, { loadIds: [L(3)] });
    await refreshDerived(db, { loadIds: [L(2), L(3)] });
    expect(await paymentFacts()).toEqual(expected);
    // A refresh cut short (S3's row never written): the next refresh of the load writes it, once.
    await db.client.command({ query: `DELETE FROM payment_facts WHERE payment_id = 'S3'` });
    await refreshDerived(db, { loadIds: [L(3)] });
    expect(await paymentFacts()).toEqual(expected);
    // Load 4: a call on SK1 on 03-03 12:00, late: S2's latest attempt becomes it, S1 keeps the sms.
    await insertLoad(db, L(4), {
      contact_attempt: [
        ev(L(4), '2026-03-03 12:00:00.000', {
          case_id: 'SK1',
          agent_id: 'A2',
          channel: 'call',
          outcome: 'no_answer',
        }),
      ],
    });
    expect(await paymentFacts()).toEqual([
      expected[0],
      {
        payment_id: 'S2',
        agent_id: 'A1',
        attempt_at: '2026-03-03 12:00:00.000',
        attempt_channel: 'call',
      },
      expected[2],
    ]);
    // Load 11, payments only, months later: S5 on SK1 on 09-01. No attempt since 08-01 (the
    // recent window), so the older ones are read: the latest is still load 4's call.
    await insertLoad(db, L(11), { payment: [pay(L(11), '2026-09-01 00:00:00.000', 'S5', 'SK1')] });
    expect((await paymentFacts()).at(-1)).toEqual({
      payment_id: 'S5',
      agent_id: 'A1',
      attempt_at: '2026-03-03 12:00:00.000',
      attempt_channel: 'call',
    });
  });
});

describe('promise_facts after payments', () => {
  it('writes nothing for payments on cases without a promise and updates a promised case', async () => {
    const promises = () =>
      queryRows<{ case_id: string; pay_amount: number[] }>(
        db,
        `SELECT case_id, pay_amount FROM promise_facts WHERE case_id LIKE 'PS%' ORDER BY case_id`,
      );
    // Load 5: a promise on PS1 made 03-01; a payment of 5 on PS2, which has no promise.
    await insertLoad(db, L(5), {
      promise_to_pay: [
        ev(L(5), '2026-03-01 00:00:00.000', {
          ptp_id: 'PP1',
          case_id: 'PS1',
          agent_id: 'A1',
          amount: '100',
          due_on: '2026-03-10',
        }),
      ],
      payment: [pay(L(5), '2026-03-02 00:00:00.000', 'T1', 'PS2', '5')],
    });
    expect(await promises()).toEqual([{ case_id: 'PS1', pay_amount: [] }]);
    // Load 6, payments only: 7 on PS1 on 03-05 joins its promise; 9 on PS2 changes nothing.
    await insertLoad(db, L(6), {
      payment: [
        pay(L(6), '2026-03-05 00:00:00.000', 'T2', 'PS1', '7'),
        pay(L(6), '2026-03-05 00:00:00.000', 'T3', 'PS2', '9'),
      ],
    });
    expect(await promises()).toEqual([{ case_id: 'PS1', pay_amount: [7] }]);
  });
});

describe('kpi_daily after loads of payments only', () => {
  it('keeps the days’ attempt counts as written and adds the payments', async () => {
    const kpis = () =>
      queryRows<{ day: string; attempts: number; rpcs: number; collected: number; cost: number }>(
        db,
        `SELECT toString(day) AS day, toInt32(attempts) AS attempts, toInt32(rpcs) AS rpcs,
                toFloat64(collected) AS collected, toFloat64(contact_cost) AS cost
         FROM kpi_daily WHERE portfolio = 'kp' ORDER BY day`,
      );
    const attempt = (l: string, at: string, outcome: string) =>
      ev(l, at, { case_id: 'KC1', agent_id: 'G1', channel: 'call', outcome, cost: '2.5' });
    // Load 7: account KA1 (portfolio kp), its case KC1, two calls of cost 2.50 on 04-01 (one
    // right-party contact) and a payment of 4 on 04-01.
    await insertLoad(db, L(7), {
      account_opened: [
        ev(L(7), '2026-01-01 00:00:00.000', {
          account_id: 'KA1',
          customer_hash: 'h',
          product: 'card',
          portfolio: 'kp',
          region: 'north',
          opened_on: '2026-01-01',
          principal: '1',
          risk_grade: 'B',
        }),
      ],
      case_opened: [
        ev(L(7), '2026-03-01 00:00:00.000', {
          case_id: 'KC1',
          account_id: 'KA1',
          strategy: 's',
          entry_dpd: 10,
          entry_balance: '1',
        }),
      ],
      contact_attempt: [
        attempt(L(7), '2026-04-01 09:00:00.000', 'no_answer'),
        attempt(L(7), '2026-04-01 10:00:00.000', 'promise_to_pay'),
      ],
      payment: [
        ev(L(7), '2026-04-01 11:00:00.000', { payment_id: 'K1', account_id: 'KA1', amount: '4' }),
      ],
    });
    // Load 8, payments only: 30 on KA1 on 04-01 and 12 on 04-02.
    await insertLoad(db, L(8), {
      payment: [
        ev(L(8), '2026-04-01 12:00:00.000', { payment_id: 'K2', account_id: 'KA1', amount: '30' }),
        ev(L(8), '2026-04-02 12:00:00.000', { payment_id: 'K3', account_id: 'KA1', amount: '12' }),
      ],
    });
    // 04-01: 2 attempts, 1 RPC, 4 + 30 = 34 collected, cost 5 kept; 04-02: no attempt, 12.
    const expected = [
      { day: '2026-04-01', attempts: 2, rpcs: 1, collected: 34, cost: 5 },
      { day: '2026-04-02', attempts: 0, rpcs: 0, collected: 12, cost: 0 },
    ];
    expect(await kpis()).toEqual(expected);
    await refreshDerived(db, { loadIds: [L(8)] });
    expect(await kpis()).toEqual(expected);
  });
});

describe('case_outcome_facts after loads without attempts or openings', () => {
  it('keeps the written cost arrays, and computes them for a case without a row', async () => {
    const facts = () =>
      queryRows<{
        case_id: string;
        pay_amounts: number[];
        cost_days: number[];
        cost_amounts: number[];
      }>(
        db,
        `SELECT case_id, pay_amounts, cost_days, cost_amounts FROM case_outcome_facts
         WHERE case_id LIKE 'OC%' ORDER BY case_id`,
      );
    const opening = (l: string, case_id: string) =>
      ev(l, '2026-05-01 00:00:00.000', {
        case_id,
        account_id: 'OA1',
        strategy: 's',
        entry_dpd: 10,
        entry_balance: '1',
      });
    const call = (l: string, at: string, case_id: string, cost: string) =>
      ev(l, at, { case_id, agent_id: 'G1', channel: 'call', outcome: 'no_answer', cost });
    // Load 9: OC1 and OC2 open 05-01 00:00; calls costing 2 (05-01 06:00, day offset 1) and
    // 3 (05-03 00:00, offset 2) on OC1, 4 on OC2 (05-02 12:00, offset 2).
    await insertLoad(db, L(9), {
      case_opened: [opening(L(9), 'OC1'), opening(L(9), 'OC2')],
      contact_attempt: [
        call(L(9), '2026-05-01 06:00:00.000', 'OC1', '2'),
        call(L(9), '2026-05-03 00:00:00.000', 'OC1', '3'),
        call(L(9), '2026-05-02 12:00:00.000', 'OC2', '4'),
      ],
    });
    // OC2's row lost (as in a table filled before its case was refreshed): it must be rebuilt.
    await db.client.command({
      query: `DELETE FROM case_outcome_facts WHERE case_id = 'OC2'`,
    });
    // Load 10, payments only: 6 on OC1 and 8 on OC2, both on 05-04 (offset 3).
    await insertLoad(db, L(10), {
      payment: [
        ev(L(10), '2026-05-04 00:00:00.000', {
          payment_id: 'O1',
          account_id: 'OA1',
          case_id: 'OC1',
          amount: '6',
        }),
        ev(L(10), '2026-05-04 00:00:00.000', {
          payment_id: 'O2',
          account_id: 'OA1',
          case_id: 'OC2',
          amount: '8',
        }),
      ],
    });
    expect(await facts()).toEqual([
      { case_id: 'OC1', pay_amounts: [6], cost_days: [1, 2], cost_amounts: [2, 3] },
      { case_id: 'OC2', pay_amounts: [8], cost_days: [2], cost_amounts: [4] },
    ]);
  });
});

describe('account_month after loads of snapshots only', () => {
  it('rewrites the loaded months and the month before; run ends follow', async () => {
    const snap = (l: string, as_of: string, dpd: number) =>
      ev(l, `${as_of} 12:00:00.000`, {
        account_id: 'MA1',
        as_of,
        dpd,
        balance: '100',
        amount_due: '0',
        status: 'open',
      });
    const months = () =>
      queryRows<{ month: string; bucket: string; next_bucket: string }>(
        db,
        `SELECT toString(month) AS month, bucket, next_bucket FROM account_month
         WHERE account_id = 'MA1' ORDER BY month`,
      );
    const runEnds = () =>
      queryRows<{ month: string; resume: string | null }>(
        db,
        `SELECT toString(month) AS month, toString(resume_month) AS resume FROM account_run_end
         WHERE account_id = 'MA1' ORDER BY month`,
      );
    // Load 12: month ends Jan dpd 0 (M0), Feb 40 (M2), no March, Apr 0 (M0), May 70 (M3).
    await insertLoad(db, L(12), {
      account_snapshot: [
        snap(L(12), '2026-01-31', 0),
        snap(L(12), '2026-02-28', 40),
        snap(L(12), '2026-04-30', 0),
        snap(L(12), '2026-05-31', 70),
      ],
    });
    expect(await runEnds()).toEqual([
      { month: '2026-02-01', resume: '2026-04-01' },
      { month: '2026-05-01', resume: null },
    ]);
    // Load 13, snapshots only: March 31 at dpd 10 (M1). Months Feb–Mar are recomputed:
    // Feb's next state becomes M1, March is M1 → M0 (April); Jan, Apr, May stay as written.
    await insertLoad(db, L(13), { account_snapshot: [snap(L(13), '2026-03-31', 10)] });
    const expected = [
      { month: '2026-01-01', bucket: 'M0', next_bucket: 'M2' },
      { month: '2026-02-01', bucket: 'M2', next_bucket: 'M1' },
      { month: '2026-03-01', bucket: 'M1', next_bucket: 'M0' },
      { month: '2026-04-01', bucket: 'M0', next_bucket: 'M3' },
      { month: '2026-05-01', bucket: 'M3', next_bucket: '' },
    ];
    expect(await months()).toEqual(expected);
    // No gap any more: the only run end is May's.
    expect(await runEnds()).toEqual([{ month: '2026-05-01', resume: null }]);
    await refreshDerived(db, { loadIds: [L(13)] });
    expect(await months()).toEqual(expected);
  });
});

const derivedNames = DERIVED_TABLES.map((table) => table.name);

/**
 * DELETEs on the derived tables so far: mutations (a migration's, account_month's DELETE)
 * and patch parts (every other refresh DELETE, refresh-steps.ts deleteOlder), active or
 * not, so that one a merge has folded in still counts.
 */
const deletes = async () =>
  (
    await queryRows<{ n: number }>(
      db,
      `SELECT toInt32((SELECT count() FROM system.mutations
                       WHERE database = currentDatabase() AND table IN {names:Array(String)})
                    + (SELECT count() FROM system.parts
                       WHERE database = currentDatabase() AND table IN {names:Array(String)}
                         AND startsWith(name, 'patch-'))) AS n`,
      { names: derivedNames },
    )
  )[0]?.n;

describe('a refresh into empty derived tables', () => {
  it('writes without probing or deleting; the next load replaces what it rewrites', async () => {
    // the earlier tests' rows out of the derived tables: a fresh start for them
    for (const name of derivedNames) await db.client.command({ query: `TRUNCATE TABLE ${name}` });
    expect([...(await emptyTables(db, derivedNames))].sort()).toEqual([...derivedNames].sort());
    const migrated = await deletes();

    // Load 21: case EK1 opened on 03-01, closed 'settled' on 03-10.
    await insertLoad(db, L(21), {
      case_opened: [
        ev(L(21), '2026-03-01 00:00:00.000', {
          case_id: 'EK1',
          account_id: 'EA1',
          strategy: 's',
          entry_dpd: 5,
          entry_balance: '1',
        }),
      ],
      case_closed: [ev(L(21), '2026-03-10 00:00:00.000', { case_id: 'EK1', outcome: 'settled' })],
    });
    const empty = await emptyTables(db, derivedNames);
    expect(empty.has('case_facts')).toBe(false);
    expect(empty.has('voice_attempts')).toBe(true);
    // case_facts deleted the case's older rows unconditionally before: a DELETE per load
    expect(await deletes()).toBe(migrated);

    // Load 22: a later closure, 'cured' on 03-20: case_facts rewrites EK1, its row from
    // load 21 is deleted (one row, the latest closure's outcome).
    await insertLoad(db, L(22), {
      case_closed: [ev(L(22), '2026-03-20 00:00:00.000', { case_id: 'EK1', outcome: 'cured' })],
    });
    expect(
      await queryRows(
        db,
        `SELECT case_id, outcome, toString(closed_at) AS closed_at FROM case_facts ORDER BY case_id`,
      ),
    ).toEqual([{ case_id: 'EK1', outcome: 'cured', closed_at: '2026-03-20 00:00:00.000' }]);
    expect(await deletes()).toBeGreaterThan(migrated ?? 0);
  });
});

/**
 * Test support: a small fixture of two loads touching every event type and every
 * derived table (cluster-refresh.int.test.ts, cluster-shards.int.test.ts).
 */
import { shardDb, shardTables } from './cluster.ts';
import { queryRows, type Db } from './db.ts';
import { createTableSql } from './ddl.ts';
import { DERIVED_TABLES } from './derived/index.ts';
import { clusterTables } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { eventMaker, fingerprintColumns, testLoadId } from './testing.ts';

/**
 * Per derived table of `target`, its row count and the sum of its rows' hashes (a
 * multiset: equal fingerprints, equal rows) without the columns that differ from run to
 * run. Unlike testing.ts derivedFingerprints, a row with a NULL hashes too (as text).
 * Columns are read from the single-node table of the same name.
 */
export async function rowFingerprints(
  db: Pick<Db, 'client'>,
  target: Pick<Db, 'client'>,
): Promise<Record<string, { rows: number; hash: bigint }>> {
  const out: Record<string, { rows: number; hash: bigint }> = {};
  for (const { name } of DERIVED_TABLES) {
    const tuple = `toString(tuple(${(await fingerprintColumns(db, name)).join(', ')}))`;
    const [row] = await queryRows<{ n: string; h: string }>(
      target,
      `SELECT count() AS n, toString(sum(cityHash64(${tuple}))) AS h FROM ${name}`,
    );
    out[name] = { rows: Number(row!.n), hash: BigInt(row!.h) };
  }
  return out;
}

/**
 * A shard inside a single-node database: every shard-local table as `name(t)` (plain
 * MergeTree), with the migrations' other statements (201's projection, 722) in their
 * shard-local form; returns the shard's handle (shardDb).
 */
export async function createShard(
  db: Pick<Db, 'client'>,
  name: (table: string) => string,
): Promise<Pick<Db, 'client'>> {
  const tables = clusterTables();
  const onShard = shardTables(tables);
  const shard = shardDb(db, tables, name);
  for (const migration of MIGRATIONS)
    for (const step of migration.steps) {
      if (!('table' in step)) await shard.client.command({ query: step.sql });
      else if (onShard.has(step.table.name))
        await db.client.command({
          query: createTableSql({ ...step.table, name: name(step.table.name) }),
        });
    }
  return shard;
}

/** Each case's account in clusterLoads. */
export const CASE_ACCOUNTS: Readonly<Record<string, string>> = { K1: 'A1', K2: 'A2' };

/**
 * Every event type, two accounts with a case each (CASE_ACCOUNTS); load 2 (testLoadId(2))
 * is late and overlaps load 1: a newer opening of A1 changes its dimensions, earlier
 * attempts and payments rewrite rows the first refresh wrote.
 */
export function clusterLoads(): Record<string, Record<string, unknown>[]>[] {
  const ev = eventMaker();
  const L = testLoadId;
  const at = (day: string, time = '10:00:00') => `2026-${day} ${time}.000`;
  const opened = (l: string, when: string, account_id: string, region: string) =>
    ev(l, when, {
      account_id,
      customer_hash: 'c',
      product: 'card',
      portfolio: 'retail',
      region,
      opened_on: '2025-06-01',
      principal: '1000',
      risk_grade: 'B',
      customer_name_hash: 'n',
      phone_hash: 'p',
      national_id_hash: 'i',
    });
  const snap = (l: string, account_id: string, as_of: string, dpd: number, status = 'open') =>
    ev(l, `${as_of} 23:00:00.000`, {
      account_id,
      as_of,
      dpd,
      balance: '900',
      amount_due: '50',
      status,
    });
  const attempt = (l: string, when: string, case_id: string, channel: string, outcome: string) =>
    ev(l, when, { case_id, agent_id: 'G1', channel, outcome, duration_s: 60, cost: '1.5' });
  const pay = (l: string, when: string, id: string, account_id: string, case_id: string) =>
    ev(l, when, { payment_id: id, account_id, case_id, amount: '25', method: 'card' });
  const caseOpened = (l: string, when: string, case_id: string, account_id: string) =>
    ev(l, when, {
      case_id,
      account_id,
      strategy: 's',
      experiment: 'x',
      arm_role: 'champion',
      segment: 'willing_able',
      entry_dpd: 35,
      entry_balance: '900',
    });
  return [
    {
      account_opened: [
        opened(L(1), at('01-01'), 'A1', 'north'),
        opened(L(1), at('01-01'), 'A2', 'south'),
      ],
      agent_registered: [
        ev(L(1), at('01-01'), { agent_id: 'G1', name: 'g', team: 't', site: 's', hired_on: null }),
      ],
      account_snapshot: [
        snap(L(1), 'A1', '2026-01-31', 35),
        snap(L(1), 'A1', '2026-02-28', 0),
        snap(L(1), 'A2', '2026-01-31', 95, 'charged_off'),
      ],
      case_opened: [
        caseOpened(L(1), at('02-01'), 'K1', 'A1'),
        caseOpened(L(1), at('02-01'), 'K2', 'A2'),
      ],
      case_assigned: [ev(L(1), at('02-01', '11:00:00'), { case_id: 'K1', agent_id: 'G1' })],
      contact_attempt: [
        attempt(L(1), at('02-02'), 'K1', 'call', 'promise_to_pay'),
        attempt(L(1), at('02-02', '12:00:00'), 'K2', 'sms', 'delivered'),
      ],
      promise_to_pay: [
        ev(L(1), at('02-02'), {
          ptp_id: 'P1',
          case_id: 'K1',
          agent_id: 'G1',
          amount: '25',
          due_on: '2026-02-10',
        }),
      ],
      payment: [pay(L(1), at('02-05'), 'Y1', 'A1', 'K1'), pay(L(1), at('02-06'), 'Y2', 'A2', '')],
      payment_plan: [
        ev(L(1), at('02-03'), {
          plan_id: 'N1',
          case_id: 'K1',
          kind: 'installment',
          installments: 3,
          total_amount: '90',
          first_due_on: '2026-03-01',
        }),
      ],
      legal_action: [ev(L(1), at('02-04'), { case_id: 'K2', action: 'filed', cost: '100' })],
      case_closed: [ev(L(1), at('02-20'), { case_id: 'K1', outcome: 'cured' })],
    },
    {
      account_opened: [opened(L(2), at('01-15'), 'A1', 'east')],
      account_snapshot: [snap(L(2), 'A1', '2026-03-31', 40)],
      case_assigned: [ev(L(2), at('02-01', '12:00:00'), { case_id: 'K2', agent_id: 'G1' })],
      contact_attempt: [
        attempt(L(2), at('02-02', '09:00:00'), 'K1', 'call', 'no_answer'),
        attempt(L(2), at('02-03'), 'K2', 'call', 'right_party_contact'),
      ],
      promise_to_pay: [
        ev(L(2), at('02-03'), {
          ptp_id: 'P2',
          case_id: 'K2',
          agent_id: 'G1',
          amount: '30',
          due_on: '2026-02-12',
        }),
      ],
      payment: [pay(L(2), at('02-04'), 'Y3', 'A1', 'K1'), pay(L(2), at('02-11'), 'Y4', 'A2', 'K2')],
      legal_action: [ev(L(2), at('02-08'), { case_id: 'K2', action: 'judgment', cost: '50' })],
      case_closed: [ev(L(2), at('02-25'), { case_id: 'K2', outcome: 'settled' })],
    },
  ];
}

/**
 * The refresh of every derived table in its cluster form (cluster.ts,
 * docs/decisions/008-cluster-derived.md). One database holds both the single-node
 * tables and a one-shard copy made of `_local` tables (plain MergeTree here), so the
 * shard-local statements really run: the same loads give the same derived rows in
 * both, every statement sent to the shard is parsed by ClickHouse (formatQuery) and
 * reads or writes `_local` tables only. The list of tables comes from DERIVED_TABLES:
 * a new derived table is covered, and fails here without a cluster rendering.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localName, shardDb, shardTables } from './cluster.ts';
import { queryRows, type Db } from './db.ts';
import { createTableSql } from './ddl.ts';
import { DERIVED_TABLES, refreshDerived } from './derived/index.ts';
import { clusterTables, renderMigration } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { EVENT_TABLES } from './tables.ts';
import { derivedFingerprints, eventMaker, openTempDb, testLoadId, type TempDb } from './testing.ts';

const tables = clusterTables();
const onShard = shardTables(tables);
let db: TempDb;
let shard: Pick<Db, 'client'>;
/** Statements the shard received while recording (the refreshes). */
const sent: string[] = [];
let recording = false;

/** `db` with every statement it is sent recorded while `recording`. */
function recorded(inner: Pick<Db, 'client'>): Pick<Db, 'client'> {
  const keep = (query: string) => (recording && sent.push(query), query);
  const client = inner.client;
  return {
    client: new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'command' || prop === 'query' || prop === 'exec')
          return (p: { query: string }) =>
            (client[prop] as (x: unknown) => unknown)({ ...p, query: keep(p.query) });
        return Reflect.get(target, prop, receiver);
      },
    }) as ClickHouseClient,
  };
}

const ev = eventMaker();
const L = testLoadId;
const at = (day: string, time = '10:00:00') => `2026-${day} ${time}.000`;

/** Every event type, two accounts with a case each; load 2 is late and overlaps load 1. */
function loads(): Record<string, Record<string, unknown>[]>[] {
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
      // late: a newer opening of A1 (its dimensions change), earlier attempts and payments
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

beforeAll(async () => {
  db = await openTempDb();
  shard = shardDb(recorded(db), tables);
  // the one-shard copy: every shard-local table as `<t>_local` (plain MergeTree here), and
  // the migrations' other statements (201's projection, 722) in their shard-local form
  for (const migration of MIGRATIONS)
    for (const step of migration.steps) {
      if (!('table' in step)) await shard.client.command({ query: step.sql });
      else if (onShard.has(step.table.name))
        await db.client.command({
          query: createTableSql({ ...step.table, name: localName(step.table.name) }),
        });
    }
  // small slices and key lists: the sliced statements are rendered too
  const context = { rowsPerSlice: 1, maxListedKeys: 1 } as const;
  for (const [i, rows] of loads().entries()) {
    const loadIds = [L(i + 1)];
    for (const target of [db, shard]) {
      for (const [table, values] of Object.entries(rows))
        await target.client.insert({ table, values, format: 'JSONEachRow' });
      recording = target === shard;
      await refreshDerived(target, { loadIds, ...context });
      recording = false;
    }
  }
}, 120_000);
afterAll(() => db.dispose());

/** Tables a formatted statement reads or writes (formatQuery spells them after these words; ARRAY JOIN joins a column). */
function tablesOf(formatted: string): string[] {
  const names = formatted.matchAll(
    /\b(?:FROM|(?<!ARRAY )JOIN|INTO|TABLE(?: IF(?: NOT)? EXISTS)?)\s+([A-Za-z_][\w.]*)/g,
  );
  return [...names].map((m) => m[1]!);
}

describe('derived tables on a cluster', () => {
  it('are created by the migrations and held per shard', () => {
    for (const { name } of DERIVED_TABLES) expect(onShard.has(name), name).toBe(true);
    // the ETL's own tables are read whole, through their Distributed table
    for (const name of ['load_ledger', 'event_index', 'quarantine'])
      expect(onShard.has(name), name).toBe(false);
  });

  it('render their DDL for the cluster: a replicated `_local` table and a Distributed one, parsed', async () => {
    const ddl = MIGRATIONS.flatMap((m) =>
      renderMigration(m, { kind: 'cluster', cluster: 'collections' }),
    );
    for (const { name } of DERIVED_TABLES) {
      const local = ddl.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${localName(name)} `));
      const dist = ddl.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name} `));
      expect(local, name).toMatch(
        /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}/,
      );
      expect(dist, name).toContain(
        `ENGINE = Distributed('collections', currentDatabase(), ${localName(name)}`,
      );
      for (const sql of [local!, dist!]) {
        const [row] = await queryRows<{ q: string }>(db, 'SELECT formatQuery({sql:String}) AS q', {
          sql,
        });
        expect(row?.q).toMatch(/^CREATE TABLE/);
      }
    }
  });

  it('declare a shard key only where it is a function of the row: the account', () => {
    for (const table of DERIVED_TABLES) {
      const key = tables.get(table.name)?.shardKey;
      if (table.shard === 'partial') expect(key, table.name).toBeUndefined();
      else expect([undefined, 'sipHash64(account_id)'], table.name).toContain(key);
    }
    for (const table of Object.values(EVENT_TABLES))
      if (table.name !== 'agent_registered')
        expect([undefined, 'sipHash64(account_id)'], table.name).toContain(table.shardKey);
  });

  it('keep column names apart from table names (renameTables renames every such word)', () => {
    for (const table of tables.values())
      for (const column of table.columns)
        expect(tables.has(column.name), `${table.name}.${column.name}`).toBe(false);
  });

  it('refresh on a shard into the same rows as on one node', async () => {
    const single = await derivedFingerprints(db);
    expect(Object.keys(single).sort()).toEqual(DERIVED_TABLES.map((t) => t.name).sort());
    expect(Object.values(single).some((f) => f.startsWith('0/'))).toBe(false);
    expect(await derivedFingerprints(shard)).toEqual(single);
  });

  it('refresh with statements ClickHouse parses, on `_local` tables only', async () => {
    expect(sent.length).toBeGreaterThan(0);
    const written = new Set<string>();
    for (const sql of sent) {
      const [row] = await queryRows<{ q: string }>(db, 'SELECT formatQuery({sql:String}) AS q', {
        sql,
      });
      const formatted = row!.q;
      for (const name of tablesOf(formatted))
        expect(name.endsWith('_local') || name.startsWith('system.'), `${name} in ${sql}`).toBe(
          true,
        );
      const target = /^(?:INSERT INTO|DELETE FROM|ALTER TABLE|CREATE TABLE)\s+(\w+)/.exec(
        formatted,
      )?.[1];
      if (target) written.add(target);
    }
    // every derived table is written on the shard (account_month through its stage)
    for (const { name } of DERIVED_TABLES)
      expect(written.has(localName(name)) || written.has(localName(`${name}_stage`)), name).toBe(
        true,
      );
    // the second load rewrote rows: its deletes and partition swaps were rendered too
    expect([...sent].some((s) => /^\s*DELETE FROM \w+_local/.test(s))).toBe(true);
  });
});

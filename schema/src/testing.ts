/**
 * Test support: a fresh embedded database in a temporary directory. chDB allows
 * one directory per process, so call this once per test file (vitest runs each
 * file in its own forked process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb, type Db } from './db.ts';
import { loadEnv } from './env.ts';
import { migrate } from './migrate.ts';
import { DERIVED_TABLES, refreshDerived } from './derived/index.ts';
import { queryRows } from './db.ts';

export interface TempDb extends Db {
  readonly dir: string;
  /** Close the database and delete its directory. */
  dispose(): Promise<void>;
}

export async function openTempDb(options: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'collections-test-'));
  const db = await openDb(loadEnv({ CHDB_PATH: dir }));
  if (options.migrate !== false) await migrate(db);
  return {
    ...db,
    dir,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The UUID of fixture load `n` (0 … 999 999 999 999). */
export const testLoadId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A fixture event builder: ids e1, e2, … in call order, tagged with its load;
 * `ev.last()` is the number of the latest event built (0 before the first).
 */
export function eventMaker() {
  let seq = 0;
  const ev = (load_id: string, occurred_at: string, fields: Record<string, unknown>) => ({
    event_id: `e${++seq}`,
    occurred_at,
    load_id,
    ...fields,
  });
  return Object.assign(ev, { last: () => seq });
}

/** One load as the ETL commits it: insert the rows into their tables, then refresh the derived tables. */
export async function insertLoad(
  db: Pick<Db, 'client'>,
  loadId: string,
  rows: Record<string, Record<string, unknown>[]>,
): Promise<void> {
  for (const [table, values] of Object.entries(rows))
    await db.client.insert({ table, values, format: 'JSONEachRow' });
  await refreshDerived(db, { loadIds: [loadId] });
}

/** The columns of `table` that do not differ from run to run (refresh and load ids, refresh time). */
export async function fingerprintColumns(db: Pick<Db, 'client'>, table: string): Promise<string[]> {
  const columns = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {t:String}
       AND name NOT IN ('refresh_id', 'load_id', 'refreshed_at') ORDER BY position`,
    { t: table },
  );
  return columns.map((c) => c.name);
}

/**
 * Per derived table, its row count and the sum of its rows' hashes (a multiset: a row
 * left twice shows), without the columns that differ from run to run (refresh and load
 * ids, refresh time): equal fingerprints, equal tables.
 */
export async function derivedFingerprints(db: Pick<Db, 'client'>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of DERIVED_TABLES) {
    const list = (await fingerprintColumns(db, name)).join(', ');
    const [row] = await queryRows<{ n: string; h: string }>(
      db,
      // hashed as text: cityHash64 of a NULL column is NULL, and sum() would skip that row
      `SELECT count() AS n, toString(sum(cityHash64(toString(tuple(${list}))))) AS h FROM ${name}`,
    );
    out[name] = `${row?.n}/${row?.h}`;
  }
  return out;
}

/** The text of every statement sent through `db.client[method]` until `stop()`. */
export function recordStatements(db: Pick<Db, 'client'>, method: 'command' | 'query') {
  const sent: string[] = [];
  const client = db.client as unknown as Record<string, (arg: { query: string }) => unknown>;
  const original = client[method]!;
  client[method] = (arg) => {
    sent.push(arg.query);
    return original.call(db.client, arg);
  };
  return {
    sent,
    stop: () => {
      client[method] = original;
    },
  };
}

/** Counts the `INSERT INTO <table>` statements `db` runs until `stop()` (how many slices ran). */
export function countInserts(db: Pick<Db, 'client'>) {
  const counts = new Map<string, number>();
  const client = db.client;
  const original = client.command.bind(client);
  client.command = async (arg) => {
    const table = /^\s*INSERT INTO (\w+)/.exec(arg.query)?.[1];
    if (table) counts.set(table, (counts.get(table) ?? 0) + 1);
    return original(arg);
  };
  return {
    count: (table: string) => counts.get(table) ?? 0,
    stop: () => {
      client.command = original;
    },
  };
}

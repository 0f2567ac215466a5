/**
 * The derived-table refresh after a load, per table, before and after a change
 * (docs/decisions/001-refresh-bounded-in-time.md):
 *
 *   nice -n 10 pnpm exec tsx bench/etl/refresh.ts BASELINE [runs=3] [lines=1000000]
 *   nice -n 10 pnpm exec tsx bench/etl/refresh.ts BASELINE [runs=3] DIR FILE
 *
 * BASELINE is a commit whose schema/src (derived refreshers) is extracted with
 * `git archive` under bench/out/ and imported next to this tree's. The first form
 * loads the `pnpm bench:etl` file (payments and snapshots) into a fresh temporary
 * database; the second loads FILE into DIR, a COPY of a loaded database (the load
 * writes to it). The load runs the current refresh once ('refresh derived' is
 * printed); then, `runs` times, each derived table is refreshed by the baseline
 * and by the current code, interleaved:
 *  - "again": the same load ids over the refreshed table (a re-refresh: every
 *    row is rewritten);
 *  - "first" (temporary database): after TRUNCATE of the table, i.e. the
 *    refresh a first load pays;
 *  - "twins" (loaded database): per round, two raw copies of the load (every
 *    event table's rows, new event and load ids), one refreshed by the baseline
 *    and one by the current code, order alternating: a first refresh for both.
 * `--modes=twins` (or again, first; comma-separated) runs only those modes;
 * `--load=ID` measures a load already in DIR instead of loading FILE.
 * Background merges are waited for before each measurement.
 * Wall and CPU seconds (process.cpuUsage: chDB runs in-process) are medians. After
 * every refresh the table's content (refresh_id excluded) is fingerprinted and
 * compared with the content after the load: a refresher that changes what a
 * table holds is reported. Measured, never asserted.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractBaseline, removeBaselines } from '@collections/bench/baseline';
import { loadPaths } from '@collections/etl';
import {
  DERIVED_TABLES,
  EVENT_TYPES,
  loadedEventTypes,
  loadEnv,
  openDb,
  queryRows,
  skipsLoads,
  type Db,
  type RefreshContext,
} from '@collections/schema';
import { openTempDb } from '@collections/schema/testing';
import { writeBenchEvents } from './events.ts';

interface Refresher {
  readonly name: string;
  refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void>;
}

const args = process.argv.slice(2);
/** `--modes=twins` (or again, first; comma-separated): only those modes. */
const modesArg = args.find((a) => a.startsWith('--modes='))?.slice('--modes='.length);
/** `--load=ID`: a load already in DIR is measured (FILE is not loaded; pass any name). */
const loadArg = args.find((a) => a.startsWith('--load='))?.slice('--load='.length);
const [baseline, runsArg, third, fourth] = args.filter((a) => !a.startsWith('--'));
if (!baseline) throw new Error('usage: refresh.ts BASELINE [runs] [lines | DIR FILE]');
const runs = Number(runsArg ?? 3);

/** The baseline commit's derived refreshers (its schema/src, extracted under bench/out/). */
async function baselineTables(commit: string): Promise<readonly Refresher[]> {
  const src = extractBaseline(commit, 'schema');
  const module = (await import(path.join(src, 'derived/index.ts'))) as {
    DERIVED_TABLES: readonly Refresher[];
  };
  return module.DERIVED_TABLES;
}

async function fingerprint(db: Db, table: string): Promise<string> {
  const columns = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {table:String}
       AND name NOT IN ('refresh_id', 'refreshed_at') ORDER BY position`,
    { table },
  );
  const list = columns.map((c) => `\`${c.name}\``).join(', ');
  const [row] = await queryRows<{ f: string }>(
    db,
    `SELECT concat(toString(count()), ':', toString(sum(cityHash64(${list})))) AS f FROM ${table}`,
  );
  return row?.f ?? '';
}

function cpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

async function timedRefresh(db: Db, table: Refresher, context: RefreshContext): Promise<number[]> {
  await settle(db);
  const t0 = performance.now();
  const c0 = cpuSeconds();
  await table.refresh(db, context);
  return [(performance.now() - t0) / 1000, cpuSeconds() - c0];
}

/** Wait (up to 10 s) for background merges, whose CPU would count in the next measurement. */
async function settle(db: Db): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const [row] = await queryRows<{ n: string }>(db, 'SELECT count() AS n FROM system.merges');
    if (Number(row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A copy of load `source` under a new load id: every event table's rows, event
 * ids prefixed with `tag` (raw rows only, nothing refreshed) — a load the
 * refreshers have not seen, shaped like the real one.
 */
async function cloneLoad(db: Db, source: string, tag: string): Promise<string> {
  const id = randomUUID();
  for (const table of EVENT_TYPES)
    // filtered in a subquery: in the same SELECT, load_id would name the replacement
    await db.client.command({
      query: `INSERT INTO ${table} SELECT * REPLACE (concat({tag:String}, event_id) AS event_id, {id:UUID} AS load_id)
              FROM (SELECT * FROM ${table} WHERE load_id = {source:UUID})`,
      query_params: { id, tag, source },
    });
  return id;
}

/** Load `file` (the current refresh runs in the load) and print what it cost. */
async function load(db: Db, file: string): Promise<string[]> {
  const parts = new Map<string, [number, number]>();
  const summary = await loadPaths(db, [file], {
    piiKey: 'bench-key-0123456789', // as `pnpm bench:etl` and the scale-M databases
    onTiming: (part, seconds, cpu) => {
      const [s, c] = parts.get(part) ?? [0, 0];
      parts.set(part, [s + seconds, c + cpu]);
    },
  });
  const [rs, rc] = parts.get('refresh derived') ?? [NaN, NaN];
  console.log(
    `loaded ${summary.loaded} events (load ids ${summary.loadIds.join(', ')}); refresh derived (current code, in the load): ${rs.toFixed(2)} s wall, ${rc.toFixed(2)} s CPU; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  return summary.loadIds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const before = await baselineTables(baseline);
let db: Db & { dispose?: () => Promise<void> };
let file: string;
let scratch: string | undefined;
if (fourth) {
  db = await openDb(loadEnv({ CHDB_PATH: third! }));
  file = fourth;
} else {
  db = await openTempDb();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-refresh-'));
  file = path.join(scratch, 'events.ndjson');
  await writeBenchEvents(file, Number(third ?? 1_000_000));
}
try {
  const loadIds = loadArg ? [loadArg] : await load(db, file);
  // refreshDerived's first step (the current code): which event tables the loads fill
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const eventTypes = await loadedEventTypes(db, loadIds);
  console.log(
    `event types of the loads: ${[...eventTypes].join(', ')} (${((performance.now() - t0) / 1000).toFixed(3)} s wall, ${(cpuSeconds() - c0).toFixed(3)} s CPU; tables reading none of them are skipped)`,
  );
  const modes = (modesArg?.split(',') ?? (fourth ? ['again', 'twins'] : ['again', 'first'])).filter(
    (m) => ['again', 'first', 'twins'].includes(m),
  );
  const after = DERIVED_TABLES;
  const expected = new Map<string, string>();
  for (const table of after) expected.set(table.name, await fingerprint(db, table.name));
  type Side = 'before' | 'after';
  const refresher = (side: Side, i: number) =>
    side === 'after' ? after[i] : before.find((t) => t.name === after[i]!.name);
  const measure = async (side: Side, i: number, ids: string[]): Promise<number[]> => {
    const table = refresher(side, i);
    if (!table || (side === 'after' && skipsLoads(after[i]!, eventTypes))) return [0, 0];
    return timedRefresh(
      db,
      table,
      side === 'after' ? { loadIds: ids, eventTypes } : { loadIds: ids },
    );
  };
  for (const mode of modes) {
    const samples = after.map(() => ({ before: [] as number[][], after: [] as number[][] }));
    if (mode === 'twins')
      // Per round, a copy of the load refreshed through every table by one side, then a
      // fresh copy by the other (order alternating): both pay a first refresh, and neither
      // copy exists while the other side's case-wide rewrites run.
      for (let r = 0; r < runs; r++)
        for (const side of (r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) as Side[]) {
          const twin = await cloneLoad(db, loadIds[0]!, `twin${r}${side}-`);
          for (const i of after.keys()) samples[i]![side].push(await measure(side, i, [twin]));
        }
    else
      for (const i of after.keys())
        for (let r = 0; r < runs; r++)
          for (const side of ['before', 'after'] as Side[]) {
            if (mode === 'first')
              await db.client.command({ query: `TRUNCATE TABLE ${after[i]!.name}` });
            samples[i]![side].push(await measure(side, i, loadIds));
            const got = await fingerprint(db, after[i]!.name);
            if (got !== expected.get(after[i]!.name))
              console.log(`  !! ${after[i]!.name} (${side}) changed the table: ${got}`);
          }
    console.log(`\n${mode}: medians of ${runs}, seconds   before wall / CPU   after wall / CPU`);
    const totals = { before: [0, 0], after: [0, 0] };
    for (const [i, table] of after.entries()) {
      const cells = (['before', 'after'] as const).map((side) => {
        const wall = median(samples[i]![side].map((x) => x[0]!));
        const cpu = median(samples[i]![side].map((x) => x[1]!));
        totals[side] = [totals[side][0]! + wall, totals[side][1]! + cpu];
        return `${wall.toFixed(3)} / ${cpu.toFixed(3)}`;
      });
      console.log(
        `  ${String(i).padStart(2)} ${table.name.padEnd(20)} ${cells[0]!.padStart(15)}   ${cells[1]!.padStart(15)}`,
      );
    }
    const cell = ([w, c]: number[]) => `${w!.toFixed(3)} / ${c!.toFixed(3)}`.padStart(15);
    console.log(`     ${'total'.padEnd(20)} ${cell(totals.before)}   ${cell(totals.after)}`);
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  if (db.dispose) await db.dispose();
  else await db.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  removeBaselines();
}

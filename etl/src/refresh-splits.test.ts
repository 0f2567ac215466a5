/**
 * Every derived table, whatever the order and split of the loads (docs/decisions/001): a
 * generated portfolio's events are loaded in a few loads, each refreshed on its own, and
 * then every derived table must hold exactly the rows of one load of everything and of a
 * rebuild from the base tables (`pnpm etl rebuild`). Two ways of splitting, several seeds:
 * - `shuffled`: all events in random order, cut at random points (closures before
 *   openings, snapshots before their accounts, old months after new ones);
 * - `daily`: the events in time order, cut into consecutive periods (a morning load of
 *   yesterday onto history: what the time-bounded refreshes exploit), with a share of
 *   them delivered late (one to three loads later) and each load in random order. A
 *   refresh whose look-back is too short misses rows here;
 * - `boundary`: the events in time order cut into consecutive loads, each later one
 *   carrying one late event placed just inside a bounded table's look-back
 *   (testing/boundary-split.ts): a bound one day, one offset or one month too tight
 *   leaves a row of an earlier load stale.
 * Sized for 2 cores: a few dozen accounts per seed, three splits.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_TABLES, queryRows, rebuildDerived } from '@collections/schema';
import {
  countInserts,
  derivedFingerprints,
  openTempDb,
  type TempDb,
} from '@collections/schema/testing';
import { generate } from '@collections/generator';
import { loadPaths } from './load/index.ts';
import { boundarySplit } from './testing/boundary-split.ts';

const work = mkdtempSync(path.join(tmpdir(), 'refresh-splits-'));
let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(async () => {
  await db.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** mulberry32: a fixed-seed stream in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function lines(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ndjson'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
}

/** The instant of a generated line (ms); a line without one sorts first. */
function instant(line: string): number {
  const at = /"occurred_at":"([^"]+)"/.exec(line)?.[1];
  const ms = at === undefined ? NaN : Date.parse(at);
  return Number.isNaN(ms) ? 0 : ms;
}

/** All lines shuffled, cut into `loads` loads at random points. */
function shuffledSplit(all: readonly string[], loads: number, next: () => number) {
  const mixed = shuffle([...all], next);
  const cuts = [
    0,
    ...Array.from({ length: loads - 1 }, () => Math.floor(next() * mixed.length)),
    mixed.length,
  ].sort((a, b) => a - b);
  return cuts.slice(1).map((end, k) => mixed.slice(cuts[k], end));
}

/**
 * The lines in time order cut into `loads` consecutive periods of equal count; each line
 * is delivered late (one to three loads later, at most the last) with probability
 * `late`; every load in random order.
 */
function dailySplit(all: readonly string[], loads: number, late: number, next: () => number) {
  const sorted = [...all].sort((a, b) => instant(a) - instant(b));
  const out: string[][] = Array.from({ length: loads }, () => []);
  sorted.forEach((line, i) => {
    const due = Math.floor((i * loads) / sorted.length);
    const delay = next() < late ? 1 + Math.floor(next() * 3) : 0;
    out[Math.min(loads - 1, due + delay)]!.push(line);
  });
  return out.map((load) => shuffle(load, next));
}

/** Empty every table of the database but the migrations' record: a fresh start. */
async function truncateAll(): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    `SELECT name FROM system.tables WHERE database = currentDatabase()
       AND engine LIKE '%MergeTree%' AND name != 'schema_migrations'`,
  );
  for (const { name } of tables) await db.client.command({ query: `TRUNCATE TABLE ${name}` });
}

/** Load each group of lines as one load (a folder with one file), in order. */
async function loadGroups(tag: string, groups: readonly string[][]): Promise<void> {
  for (const [k, group] of groups.entries()) {
    if (group.length === 0) continue;
    const dir = path.join(work, `${tag}-${k}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'events.ndjson'), `${group.join('\n')}\n`);
    await loadPaths(db, [dir], { piiKey: 'refresh-splits-test-key' });
  }
}

const PER_LOAD = ['data_as_of', 'dimension_values'];

/**
 * The derived tables whose refresh of empty tables runs in slices (refresh-steps.ts
 * sliceParams, listedSlices; account_vintage slices only a refresh over older rows:
 * account-vintage.test.ts).
 */
const SLICED = [
  'account_month',
  'account_run_end',
  'agent_day',
  'agent_month',
  'case_outcome_facts',
  'payment_facts',
  'voice_attempts',
];

const omit = (fingerprints: Record<string, string>, names: readonly string[]) =>
  Object.fromEntries(Object.entries(fingerprints).filter(([name]) => !names.includes(name)));

/** What the per-load tables answer: the as-of instant and the distinct values per kind. */
async function perLoadAnswers(): Promise<unknown[]> {
  return [
    await queryRows(db, `SELECT toString(max(max_occurred_at)) AS at FROM data_as_of`),
    await queryRows(
      db,
      `SELECT kind, arraySort(groupUniqArray(value)) AS vs FROM dimension_values GROUP BY kind ORDER BY kind`,
    ),
  ];
}

/**
 * Three splits, sized for 2 cores (each load is a whole loadPaths with its refresh of
 * every table, so the cost follows the number of loads): 2 + 5 + 8 loads, 3 rebuilds, 3
 * loads of everything. Removing account_month's one-month look-back (account-month/index.ts
 * MONTHS_SQL) fails the daily split (account_month, account_run_end); with 3 or 4 daily
 * loads of these 4 months it did not. The boundary split fails for each bound made one
 * day, one offset or one month tighter (docs/etl.md, Rebuild).
 */
const CASES = [
  { seed: 5, mode: 'shuffled', loads: 2, sliced: true },
  { seed: 23, mode: 'daily', loads: 5, sliced: false },
  { seed: 23, mode: 'boundary', loads: 8, sliced: false },
] as const;

/** The loads of a case's split of `all`. */
function splitLoads(
  mode: (typeof CASES)[number]['mode'],
  all: string[],
  loads: number,
  seed: number,
) {
  const next = random(seed * 7919);
  if (mode === 'shuffled') return shuffledSplit(all, loads, next);
  if (mode === 'daily') return dailySplit(all, loads, 0.1, next);
  // the second load follows only the first events (openings, the first snapshots): no
  // anchor for a late event yet; the third to the eighth carry one each
  const { loads: groups, late } = boundarySplit(all, loads);
  expect(late).toHaveLength(loads - 2);
  return groups;
}

describe('derived tables: random splits and orders = one load = a rebuild', () => {
  it.each(CASES)(
    'seed $seed, $mode in $loads loads: the same rows in every derived table',
    async ({ seed, mode, loads, sliced }) => {
      const data = path.join(work, `data-${seed}-${mode}`);
      await generate({ out: data, accounts: 60, months: 4, seed });
      const groups = splitLoads(mode, lines(data), loads, seed);
      // every line once (the boundary split adds its late events: loaded whole too)
      const all = groups.flat();
      expect(all.length).toBeGreaterThanOrEqual(lines(data).length);

      await truncateAll();
      await loadGroups(`split-${seed}-${mode}`, groups);
      const split = await derivedFingerprints(db);
      const splitPerLoad = await perLoadAnswers();
      const { loads: committed } = await rebuildDerived(db);
      expect(committed).toBe(groups.filter((g) => g.length > 0).length);
      const rebuilt = await derivedFingerprints(db);

      await truncateAll();
      await loadGroups(`whole-${seed}-${mode}`, [all]);
      const whole = await derivedFingerprints(db);
      const wholePerLoad = await perLoadAnswers();

      if (sliced) {
        // a rebuild in slices of a few rows or keys: every sliced table's insert runs
        // more than once (one knob, context.rowsPerSlice, reaches each), same rows
        const inserts = countInserts(db);
        await rebuildDerived(db, { rowsPerSlice: 3 });
        inserts.stop();
        for (const name of SLICED) expect(inserts.count(name), name).toBeGreaterThan(1);
        expect(await derivedFingerprints(db)).toEqual(whole);
      }

      expect(rebuilt).toEqual(split);
      // per-load tables hold one row per load (data_as_of) or per value and load
      // (dimension_values): what they answer is the same
      expect(omit(split, PER_LOAD)).toEqual(omit(whole, PER_LOAD));
      expect(splitPerLoad).toEqual(wholePerLoad);
      // not vacuous: the portfolio feeds every derived table
      for (const { name } of DERIVED_TABLES) expect(whole[name], name).not.toMatch(/^0\//);
    },
    600_000,
  );
});

/**
 * `pnpm bench:etl --steady …` is the steady-state benchmark (steady.ts).
 *
 * `pnpm bench:etl [LINES] [--rounds N] [--files N]`: loader speed against a bare INSERT
 * … SELECT FROM file() of the same synthetic NDJSON (payments and snapshots), side by
 * side, in one run on a fresh embedded database. With `--files N` the lines are split
 * into N files in one folder (small files take one pass together: a batch) and the
 * bare insert reads them through a glob. Each round empties the tables and runs the
 * loader, then the bare insert, so that both see the same load on a shared machine;
 * the medians over the rounds are printed, with events/s, the ratios and the CPU
 * seconds of the process (chDB runs in-process, so they include ClickHouse's), and the
 * peak RSS. Measured, never asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DERIVED_TABLES, EVENT_TABLES } from '@collections/schema';
import { loadPaths } from '@collections/etl';
import { openTempDb } from '@collections/schema/testing';
import { writeBenchEvents } from './events.ts';

if (process.argv.includes('--steady')) {
  const { runSteady } = await import('./steady.ts');
  await runSteady(process.argv.slice(2));
  process.exit(0);
}
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
const filesAt = args.indexOf('--files');
const fileCount = filesAt >= 0 ? Number(args.splice(filesAt, 2)[1]) : 1;
const lines = Number(args[0] ?? 2_000_000);
if (!(lines >= 1) || !(rounds >= 1) || !(fileCount >= 1 && fileCount <= 1000)) {
  console.error('usage: pnpm bench:etl [LINES] [--rounds N] [--files N (1–1000)]');
  process.exit(2);
}
const dir = mkdtempSync(path.join(tmpdir(), 'bench-etl-'));
const file = path.join(dir, 'events.ndjson');
const parts = Array.from({ length: fileCount }, (_, i) =>
  path.join(dir, 'in', `events-${String(i + 1).padStart(4, '0')}.ndjson`),
);
/** What the loader loads, and the path or glob the bare insert reads. */
const [loaded, bareSource] =
  fileCount === 1 ? [file, file] : [path.join(dir, 'in'), path.join(dir, 'in', '*.ndjson')];

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

const BARE_COLUMNS = `event_id String, type LowCardinality(String), occurred_at DateTime64(3, 'UTC'),
  payment_id String, account_id String, case_id String, amount Decimal(18, 2), method LowCardinality(String),
  as_of Nullable(Date32), dpd UInt32, balance Decimal(18, 2), amount_due Decimal(18, 2), status LowCardinality(String)`;
const BARE_SCHEMA = `event_id String, type String, occurred_at DateTime64(3, \\'UTC\\'), payment_id String, account_id String, case_id String,
  amount Decimal(18, 2), method String, as_of Nullable(Date32), dpd UInt32, balance Decimal(18, 2), amount_due Decimal(18, 2), status String`;

interface Round {
  loader: number;
  loaderCpu: number;
  /** the loader without the derived-table refresh that follows every load */
  etl: number;
  etlCpu: number;
  bare: number;
  bareCpu: number;
  parts: Map<string, number>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

if (fileCount > 1) mkdirSync(path.join(dir, 'in'));
await writeBenchEvents(fileCount === 1 ? file : parts, lines);
const db = await openTempDb();
const run = (query: string) => db.client.command({ query, query_params: { path: bareSource } });
try {
  const mb = (fileCount === 1 ? [file] : parts).reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
  console.log(
    `${fileCount === 1 ? 'file' : `${fileCount} files`}: ${lines.toLocaleString()} events, ${mb.toFixed(0)} MB NDJSON; ${rounds} rounds`,
  );
  await run(`CREATE TABLE bench_bare (${BARE_COLUMNS}) ENGINE = MergeTree ORDER BY tuple()`);
  const emptied = [
    ...Object.values(EVENT_TABLES).map((t) => t.name),
    'event_index',
    'quarantine',
    'load_ledger',
    ...DERIVED_TABLES.map((t) => t.name),
    'bench_bare',
  ];
  const results: Round[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const table of emptied) await run(`TRUNCATE TABLE IF EXISTS ${table}`);
    const parts = new Map<string, number>();
    let refreshCpu = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const summary = await loadPaths(db, [loaded], {
      piiKey: 'bench-key-0123456789',
      onTiming: (part, seconds, cpu) => {
        parts.set(part, (parts.get(part) ?? 0) + seconds);
        if (part === 'refresh derived') refreshCpu += cpu;
      },
    });
    const loader = (performance.now() - t0) / 1000;
    const loaderCpu = cpuSeconds(c0);
    if (summary.loaded !== lines) throw new Error(`loaded ${summary.loaded} of ${lines} events`);

    const t1 = performance.now();
    const c1 = process.cpuUsage();
    await run(
      `INSERT INTO bench_bare SELECT * FROM file({path:String}, 'JSONEachRow', '${BARE_SCHEMA}')`,
    );
    const bare = (performance.now() - t1) / 1000;
    const bareCpu = cpuSeconds(c1);
    const etl = loader - (parts.get('refresh derived') ?? 0);
    results.push({ loader, loaderCpu, etl, etlCpu: loaderCpu - refreshCpu, bare, bareCpu, parts });
    console.log(
      `round ${round}: loader ${loader.toFixed(2)} s (without the refresh ${etl.toFixed(2)} s), bare ${bare.toFixed(2)} s; ` +
        `load average ${loadavg()[0]?.toFixed(1)}`,
    );
  }

  const m = (pick: (r: Round) => number) => median(results.map(pick));
  const rate = (s: number) => Math.round(lines / s).toLocaleString();
  const [loader, etl, bare] = [m((r) => r.loader), m((r) => r.etl), m((r) => r.bare)];
  console.log(`\nmedians over ${rounds} rounds:`);
  console.log(
    `loader (validate, dedup, hash, quarantine, ledger, derived refresh): ${loader.toFixed(2)} s  ${rate(loader)} events/s`,
  );
  console.log(
    `loader without the derived-table refresh:                          ${etl.toFixed(2)} s  ${rate(etl)} events/s`,
  );
  console.log(
    `bare INSERT … SELECT FROM file():                                  ${bare.toFixed(2)} s  ${rate(bare)} events/s`,
  );
  const names = [...new Set(results.flatMap((r) => [...r.parts.keys()]))];
  for (const part of names)
    console.log(`  ${part.padEnd(28)} ${m((r) => r.parts.get(part) ?? 0).toFixed(2)} s`);
  // Ratios per round (both sides under the same load), then their median.
  const ratio = (pick: (r: Round) => number) => m((r) => r.bare / pick(r));
  console.log(
    `loader / bare speed: ${ratio((r) => r.loader).toFixed(2)}; without the refresh: ${ratio((r) => r.etl).toFixed(2)}`,
  );
  console.log(
    `CPU: loader ${m((r) => r.loaderCpu).toFixed(2)} s (without the refresh ${m((r) => r.etlCpu).toFixed(2)} s), bare ${m((r) => r.bareCpu).toFixed(2)} s; ` +
      `bare / loader CPU: ${m((r) => r.bareCpu / r.loaderCpu).toFixed(2)}, without the refresh ${m((r) => r.bareCpu / r.etlCpu).toFixed(2)}`,
  );
  console.log(`peak RSS of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await db.dispose();
  rmSync(dir, { recursive: true, force: true });
}

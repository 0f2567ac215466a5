/**
 * `pnpm exec tsx bench/etl/patch-parts.ts DB MONTH_DIR [--days N] [--runs R]`: how the
 * derived tables' patch parts (docs/operations.md, Patch parts) pile up over daily loads,
 * what they cost reads, and what `applyPatches` (`pnpm etl maintain`) costs.
 *
 * DB is a loaded database that is written to (use a copy, e.g. of the steady bench's
 * snap-23); MONTH_DIR a generated month not loaded yet (the steady bench's month 24).
 * Days 1…N of that month are loaded one by one (steady.ts extractDay), each day
 * followed by the patch parts per table and a few API-like reads (median wall and
 * process CPU of R runs). Then the reads once more, APPLY PATCHES on every table with
 * a pending patch, and the reads again. One process, as `pnpm etl watch` would be:
 * background merges run between the loads. Measured, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { applyPatches, loadEnv, migrate, openDb, patchState, queryRows } from '@collections/schema';
import type { Db } from '@collections/schema';
import { loadPaths } from '@collections/etl';
import { extractDay } from './steady.ts';

/** Reads shaped like the API's (docs/metrics): whole-period aggregates of patched tables. */
const READS: Record<string, string> = {
  'case_facts by strategy': `SELECT strategy, count(), countIf(is_cured) FROM case_facts
    WHERE opened_at >= '2026-01-01' GROUP BY strategy`,
  'case_dims by region': `SELECT region, count(), countIf(is_cured) FROM case_dims GROUP BY region`,
  'kpi_daily by region': `SELECT region, sum(attempts), sum(collected) FROM kpi_daily
    WHERE day >= '2026-01-01' GROUP BY region`,
  'voice_attempts by channel': `SELECT channel, count(), max(attempts_in_7d) FROM voice_attempts
    GROUP BY channel`,
  'payment_facts by channel': `SELECT attempt_channel, sum(amount) FROM payment_facts
    GROUP BY attempt_channel`,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timeReads(db: Db, runs: number): Promise<Record<string, [number, number]>> {
  const out: Record<string, [number, number]> = {};
  for (const [label, sql] of Object.entries(READS)) {
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await queryRows(db, sql);
      const used = process.cpuUsage(c0);
      walls.push(performance.now() - t0);
      cpus.push((used.user + used.system) / 1000);
    }
    out[label] = [Math.round(median(walls)), Math.round(median(cpus))];
  }
  return out;
}

const option = (args: string[], name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};

const args = process.argv.slice(2);
const days = option(args, '--days', 25);
const runs = option(args, '--runs', 5);
const [dir, monthDir] = args;
if (!dir || !monthDir || !(days >= 1 && days <= 31) || !(runs >= 1)) {
  console.error('usage: tsx bench/etl/patch-parts.ts DB MONTH_DIR [--days N (1–31)] [--runs R]');
  process.exit(2);
}
const db = await openDb(loadEnv({ CHDB_PATH: dir }));
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-patches-'));
try {
  await migrate(db);
  const month = path.basename(monthDir);
  const pile = async (label: string) => {
    const states = (await patchState(db)).filter((s) => s.patchParts > 0);
    const line = states.map((s) => `${s.table} ${s.pending}/${s.patchParts}`).join(', ');
    const rows = states.reduce((sum, s) => sum + s.patchedRows, 0);
    console.log(
      `${label} patch parts pending/active: ${line || 'none'}; rows under a patch ${rows}`,
    );
  };
  console.log('before', JSON.stringify(await timeReads(db, runs)));
  for (let d = 1; d <= days; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    const dayDir = path.join(scratch, day);
    await extractDay(monthDir, day, dayDir);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await loadPaths(db, [dayDir], { piiKey: 'bench-key-0123456789' });
    const used = process.cpuUsage(c0);
    console.log(
      `day ${day}: ${summary.loaded} events, ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
        `${((used.user + used.system) / 1e6).toFixed(1)} CPU-s; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    await pile(`  after day ${d}`);
    if (d === 1 || d % 5 === 0 || d === days)
      console.log(`  reads [ms wall, ms CPU]`, JSON.stringify(await timeReads(db, runs)));
    rmSync(dayDir, { recursive: true, force: true });
  }
  console.log('pending: reads', JSON.stringify(await timeReads(db, runs)));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const applied = await applyPatches(db);
  const used = process.cpuUsage(c0);
  console.log(
    `APPLY PATCHES: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${((used.user + used.system) / 1e6).toFixed(1)} CPU-s:`,
    applied
      .map(
        (a) => `${a.table} ${a.pending} patches, ${a.patchedRows} rows, ${a.seconds.toFixed(2)} s`,
      )
      .join('; '),
  );
  await pile('after APPLY PATCHES');
  console.log('applied: reads', JSON.stringify(await timeReads(db, runs)));
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  await pile('a minute later');
  console.log('applied: reads', JSON.stringify(await timeReads(db, runs)));
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}

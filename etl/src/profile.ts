/**
 * `pnpm exec tsx etl/src/profile.ts [--rounds N] PATH...`: loads PATHs (files or folders,
 * e.g. many small files of a generated portfolio) into a fresh embedded database N times
 * (tables emptied in between) and prints, per round, the wall and CPU seconds of the whole
 * load and of each part (LoadOptions.onTiming), and the peak RSS. Measured, never asserted;
 * CPU seconds are steadier than wall time on a shared machine.
 */
import { loadavg } from 'node:os';
import { EVENT_TABLES } from '@collections/schema';
import { openTempDb } from '@collections/schema/testing';
import { loadPaths } from './load/index.ts';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 1;
const paths = args;
if (paths.length === 0 || !(rounds >= 1)) {
  console.error('usage: tsx etl/src/profile.ts [--rounds N] PATH...');
  process.exit(2);
}

const TABLES = [
  ...Object.values(EVENT_TABLES).map((t) => t.name),
  'event_index',
  'quarantine',
  'load_ledger',
];
const cpuSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

const db = await openTempDb();
try {
  for (let round = 1; round <= rounds; round++) {
    for (const table of TABLES) await db.client.command({ query: `TRUNCATE TABLE ${table}` });
    const parts = new Map<string, [number, number]>();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const summary = await loadPaths(db, paths, {
      piiKey: 'profile-key-0123456789',
      onTiming: (part, seconds, cpu) => {
        const [w, c] = parts.get(part) ?? [0, 0];
        parts.set(part, [w + seconds, c + cpu]);
      },
    });
    const wall = (performance.now() - t0) / 1000;
    console.log(
      `round ${round}: ${summary.files} files, ${summary.rows} rows (loaded ${summary.loaded}, ` +
        `duplicates ${summary.duplicates}, quarantined ${summary.quarantined}): ` +
        `${wall.toFixed(2)} s wall, ${cpuSince(c0).toFixed(2)} s CPU, ` +
        `${Math.round(summary.rows / wall).toLocaleString()} events/s`,
    );
    for (const [part, [w, c]] of [...parts].sort((a, b) => b[1][1] - a[1][1]))
      console.log(`  ${part.padEnd(28)} ${w.toFixed(2)} s wall  ${c.toFixed(2)} s CPU`);
  }
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await db.dispose();
}

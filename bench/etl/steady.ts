/**
 * `pnpm bench:etl --steady [--accounts N] [--rounds R] [--data DIR] [--work DIR] [--day D] [--trace S]`:
 * what a morning load costs once history has piled up (docs/etl.md "Steady state").
 *
 *  1. `etl generate` N accounts (default 100 000) × 24 months into DIR (reused when DIR
 *     already holds a MANIFEST.json);
 *  2. months 1–23 are loaded in one load into a fresh database, month 1 into another;
 *     each is closed and kept as a snapshot (a copy of the chDB directory);
 *  3. per round, on a fresh copy of the right snapshot each: month 24 into months 1–23,
 *     one day of month 24 into months 1–23, month 2 into month 1.
 *
 * "One day" is the lines of month 24 whose `occurred_at` starts with the date (default
 * the 15th of month 24; the date as written: local for lines with an offset, UTC for
 * `Z`). Month 24 is not in the snapshot, so those lines are new events under their own
 * ids: a daily delivery landing on 23 months of history.
 *
 * Every load runs in a child process (chDB: one data directory per process), which
 * reports the load's wall seconds, the refresh part, each derived table's refresh and
 * its own peak RSS. Printed: medians over the rounds, µs per event and the ratio
 * month 24 / month 2 per event. `--trace S` prints each statement of S seconds or
 * more. Measured, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv, migrate, openDb } from '@collections/schema';
import { loadPaths } from '@collections/etl';

interface Measured {
  events: number;
  seconds: number;
  /** process CPU seconds of the load (chDB runs in-process): steadier than wall on a busy machine */
  cpu: number;
  refresh: number;
  /** per derived table: [wall, CPU] seconds of its refresh */
  tables: Record<string, [number, number]>;
  rssMb: number;
}

const self = fileURLToPath(import.meta.url);

/** Child: load `paths` into the database at `dir` and print one JSON line. */
async function child(dir: string, trace: number, paths: string[]): Promise<void> {
  const db = await openDb(loadEnv({ CHDB_PATH: dir }));
  if (trace > 0) traceStatements(db, trace);
  try {
    await migrate(db);
    const parts = new Map<string, [number, number]>();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const summary = await loadPaths(db, paths, {
      piiKey: 'bench-key-0123456789',
      onTiming: (part, seconds, cpu) => {
        const [s, c] = parts.get(part) ?? [0, 0];
        parts.set(part, [s + seconds, c + cpu]);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(c0);
    const tables: Record<string, [number, number]> = {};
    for (const [part, sc] of parts)
      if (part.startsWith('refresh: ')) tables[part.slice('refresh: '.length)] = sc;
    const out: Measured = {
      events: summary.loaded,
      seconds,
      cpu: (used.user + used.system) / 1e6,
      refresh: parts.get('refresh derived')?.[0] ?? 0,
      tables,
      rssMb: process.resourceUsage().maxRSS / 1024,
    };
    console.log(`RESULT ${JSON.stringify(out)}`);
  } finally {
    await db.close();
  }
}

/**
 * `--trace S`: every statement of the load that takes S seconds or more is printed
 * (stderr) with its wall and process CPU seconds, to see which statement of a refresh costs.
 */
function traceStatements(db: { client: unknown }, atLeast: number): void {
  const client = db.client as Record<string, (arg: { query: string }) => Promise<unknown>>;
  for (const method of ['command', 'query', 'insert']) {
    const original = client[method]!.bind(db.client);
    client[method] = async (arg) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const result = await original(arg);
      const seconds = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(c0);
      const cpu = (used.user + used.system) / 1e6;
      const text = (arg.query ?? `insert ${String((arg as { table?: string }).table)}`)
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 140);
      if (seconds >= atLeast)
        console.error(`  [${seconds.toFixed(2)} s, ${cpu.toFixed(2)} CPU-s] ${text}`);
      return result;
    };
  }
}

let trace = 0;

function spawnLoad(dir: string, paths: string[]): Measured {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, self, '--child', dir, String(trace), ...paths],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line)
    throw new Error(`load of ${paths.join(' ')} failed (${run.status})`);
  return JSON.parse(line.slice('RESULT '.length)) as Measured;
}

/** The lines of month folder `monthDir` whose occurred_at starts with `day`, one file per type. */
export async function extractDay(monthDir: string, day: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(monthDir).sort()) {
    if (!name.endsWith('.ndjson'))
      throw new Error(`${name}: the steady bench reads uncompressed .ndjson only`);
    const lines = (await readFile(path.join(monthDir, name), 'utf8'))
      .split('\n')
      .filter((l) => l.includes(`"occurred_at":"${day}`));
    if (lines.length > 0) await writeFile(path.join(out, name), `${lines.join('\n')}\n`);
  }
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function runSteady(argv: string[]): Promise<void> {
  const args = argv.filter((a) => a !== '--steady');
  const accounts = Number(option(args, '--accounts') ?? 100_000);
  const rounds = Number(option(args, '--rounds') ?? 1);
  const work = option(args, '--work') ?? mkdtempSync(path.join(tmpdir(), 'bench-steady-'));
  const data = option(args, '--data') ?? path.join(work, 'data');
  const dayArg = option(args, '--day');
  trace = Number(option(args, '--trace') ?? 0);
  if (!(accounts >= 1) || !(rounds >= 1) || args.length > 0) {
    console.error(
      'usage: pnpm bench:etl --steady [--accounts N] [--rounds R] [--data DIR] [--work DIR] [--day YYYY-MM-DD] [--trace S]',
    );
    process.exit(2);
  }
  if (!existsSync(path.join(data, 'MANIFEST.json'))) {
    console.log(`generating ${accounts.toLocaleString()} accounts × 24 months into ${data}`);
    const { generate } = await import('@collections/generator');
    await generate({ out: data, accounts, months: 24 });
  }
  const months = readdirSync(data)
    .filter((m) => /^\d{4}-\d{2}$/.test(m))
    .sort()
    .map((m) => path.join(data, m));
  if (months.length !== 24) throw new Error(`${data}: expected 24 month folders`);
  const day = dayArg ?? `${path.basename(months[23]!)}-15`;
  const dayDir = path.join(work, `day-${day}`);
  if (!existsSync(dayDir)) await extractDay(months[23]!, day, dayDir);

  const snap23 = path.join(work, 'snap-23');
  const snap1 = path.join(work, 'snap-1');
  const base: Record<string, Measured> = {};
  if (!existsSync(snap23)) base['months 1–23 (one load)'] = spawnLoad(snap23, months.slice(0, 23));
  if (!existsSync(snap1)) base['month 1'] = spawnLoad(snap1, months.slice(0, 1));
  for (const [label, m] of Object.entries(base))
    console.log(
      `${label}: ${m.events} events, ${m.seconds.toFixed(1)} s, peak RSS ${m.rssMb.toFixed(0)} MB`,
    );

  const cases = [
    { label: 'month 24 into 1–23', snapshot: snap23, paths: [months[23]!] },
    { label: `day ${day} into 1–23`, snapshot: snap23, paths: [dayDir] },
    { label: 'month 2 into 1', snapshot: snap1, paths: [months[1]!] },
  ];
  const samples = cases.map(() => [] as Measured[]);
  const scratch = path.join(work, 'scratch');
  for (let r = 0; r < rounds; r++)
    for (const [i, c] of cases.entries()) {
      rmSync(scratch, { recursive: true, force: true });
      cpSync(c.snapshot, scratch, { recursive: true });
      const m = spawnLoad(scratch, c.paths);
      samples[i]!.push(m);
      console.log(
        `round ${r + 1} ${c.label}: ${m.seconds.toFixed(2)} s, ${m.cpu.toFixed(2)} s CPU (refresh ${m.refresh.toFixed(2)} s); load average ${loadavg()[0]?.toFixed(1)}`,
      );
    }
  rmSync(scratch, { recursive: true, force: true });

  const med = samples.map((s) => ({
    events: s[0]!.events,
    seconds: median(s.map((m) => m.seconds)),
    cpu: median(s.map((m) => m.cpu)),
    refresh: median(s.map((m) => m.refresh)),
    rssMb: Math.max(...s.map((m) => m.rssMb)),
    tables: s[0]!.tables,
  }));
  console.log(`\nmedians over ${rounds} round(s), ${accounts.toLocaleString()} accounts`);
  console.log(
    'load                       events   seconds  CPU s  refresh  µs/event  CPU µs/event  peak RSS',
  );
  for (const [i, c] of cases.entries()) {
    const m = med[i]!;
    const cells = [
      c.label.padEnd(24),
      String(m.events).padStart(8),
      m.seconds.toFixed(2).padStart(9),
      m.cpu.toFixed(2).padStart(6),
      m.refresh.toFixed(2).padStart(8),
      ((m.seconds / m.events) * 1e6).toFixed(1).padStart(9),
      ((m.cpu / m.events) * 1e6).toFixed(1).padStart(13),
      `${m.rssMb.toFixed(0).padStart(6)} MB`,
    ];
    console.log(cells.join(' '));
  }
  const perEvent = (i: number, pick: 'seconds' | 'cpu') => med[i]![pick] / med[i]!.events;
  const ratio = (pick: 'seconds' | 'cpu') => (perEvent(0, pick) / perEvent(2, pick)).toFixed(2);
  console.log(`per event, month 24 / month 2: ${ratio('seconds')} wall, ${ratio('cpu')} CPU`);
  const names = Object.keys(med[0]!.tables);
  for (const name of Object.keys(med[1]!.tables)) if (!names.includes(name)) names.push(name);
  const heads = cases.map((c) => c.label).join(' | ');
  console.log(`\nrefresh per derived table, wall / CPU seconds (medians): ${heads}`);
  for (const name of names) {
    const cells = cases.map((_, i) => {
      const pick = (k: 0 | 1) => median(samples[i]!.map((m) => m.tables[name]?.[k] ?? 0));
      return `${pick(0).toFixed(2)} / ${pick(1).toFixed(2)}`.padStart(14);
    });
    console.log(`  ${name.padEnd(22)} ${cells.join(' ')}`);
  }
  console.log(`snapshots and data kept in ${work}`);
}

if (process.argv[2] === '--child')
  await child(process.argv[3]!, Number(process.argv[4]), process.argv.slice(5));

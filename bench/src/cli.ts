/**
 * `pnpm bench [--scale fixture|tiny|S|M] [--runs N] [--warmup N] [--out FILE] [--data DIR]
 *   [--clickhouse-db DIR] [--max-query-seconds N]`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { isScale, listEventFiles, type Scale } from './data.ts';
import { runBench } from './harness.ts';
import { placeholderPath, renderReport, thisMachine } from './report.ts';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
};

const program = new Command('bench')
  .description(
    'Time the core queries on ClickHouse (API and bare), PostgreSQL and DuckDB; write docs/benchmarks-record.md',
  )
  .option(
    '--scale <scale>',
    'fixture | tiny | S | M',
    (v) => {
      if (!isScale(v)) throw new InvalidArgumentError('must be fixture, tiny, S or M');
      return v;
    },
    'S' as Scale,
  )
  .option('--runs <n>', 'timed runs per query and target', positive, 5)
  .option('--warmup <n>', 'warm-up runs (the first is the equality check)', positive, 1)
  .option('--data <dir>', 'use the event files in DIR instead of generating')
  .option(
    '--clickhouse-db <dir>',
    'ClickHouse: copy this database, already loaded from the same files by `pnpm etl load`, instead of loading',
  )
  .option(
    '--max-query-seconds <n>',
    'stop a query after N seconds and report it as such (default: 900 at M, none below)',
    positive,
  )
  .option('--out <file>', 'report file', 'docs/benchmarks-record.md')
  .action(
    async (opts: {
      scale: Scale;
      runs: number;
      warmup: number;
      data?: string;
      clickhouseDb?: string;
      maxQuerySeconds?: number;
      out: string;
    }) => {
      const maxQuerySeconds = opts.maxQuerySeconds ?? (opts.scale === 'M' ? 900 : 0);
      const result = await runBench({
        scale: opts.scale,
        runs: opts.runs,
        warmup: opts.warmup,
        maxQuerySeconds,
        ...(opts.data ? { files: listEventFiles(opts.data) } : {}),
        ...(opts.clickhouseDb ? { clickhouseDb: opts.clickhouseDb } : {}),
        log: (line) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${line}`),
      });
      const command = [
        `pnpm bench --scale ${opts.scale} --runs ${opts.runs} --warmup ${opts.warmup}`,
        opts.data ? `--data ${placeholderPath(opts.data)}` : '',
        opts.clickhouseDb ? `--clickhouse-db ${placeholderPath(opts.clickhouseDb)}` : '',
        opts.maxQuerySeconds ? `--max-query-seconds ${opts.maxQuerySeconds}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const machine = thisMachine();
      // The analysis (why an engine wins, what would fix it) is docs/benchmarks.md, by hand.
      writeFileSync(opts.out, renderReport(result, machine, command));
      // The raw numbers too (bench/out/ is not committed), to re-render or compare runs.
      mkdirSync('bench/out', { recursive: true });
      const raw = `bench/out/${opts.scale}-${result.date.replace(/[:.]/g, '-')}.json`;
      writeFileSync(raw, JSON.stringify({ command, machine, result }, null, 2));
      console.error(`[bench] wrote ${opts.out} and ${raw}`);
    },
  );

program.parseAsync().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

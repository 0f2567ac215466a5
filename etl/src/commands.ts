/**
 * `pnpm etl load PATH... [--json] [--score]`, `pnpm etl watch DIR [--score]` (docs/etl.md) and
 * `pnpm etl rebuild`, each with `--wait <seconds>` (the ETL lease, lease.ts).
 * Exit 0 when a load finished (even with quarantined rows), 1 on a fatal error
 * (unreachable or locked database, another load holding it, unreadable path, PII without
 * PII_KEY), 2 when it finished but a file's bytes could not be read (quarantined, the
 * others loaded).
 */
import { SingleBar, Presets } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DERIVED_TABLES,
  loadEnv,
  migrate,
  openDb,
  PlatformError,
  rebuildDerived,
  type Db,
  type Env,
} from '@collections/schema';
import { markRefreshed, pendingRefresh, recoverInterrupted } from './ledger.ts';
import { errorLine, unreadableError } from './failures.ts';
import { withLease, type LeaseWait } from './lease.ts';
import { loadPaths, type LoadSummary } from './load/index.ts';
import { refreshLine, refreshScores, type RefreshedScores } from './score/refresh.ts';
import { watchInbox } from './watch.ts';

export async function withDb<T>(run: (db: Db, env: Env) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const db = await openDb(env);
  try {
    await migrate(
      db,
      env.CLICKHOUSE_CLUSTER
        ? { topology: { kind: 'cluster', cluster: env.CLICKHOUSE_CLUSTER } }
        : {},
    );
    return await run(db, env);
  } finally {
    await db.close();
  }
}

/**
 * `--wait <seconds>` of the commands that hold the ETL lease (lease.ts): how long to wait
 * while another load, rebuild or maintain holds the database; ETL_WAIT_SECONDS by default.
 */
export function waitOption(command: Command): Command {
  return command.option(
    '--wait <seconds>',
    'how long to wait while another load, rebuild or maintain holds the database (default: ETL_WAIT_SECONDS, 300)',
    (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0)
        throw new InvalidArgumentError('must be a whole number ≥ 0');
      return n;
    },
  );
}

/** The lease's wait for a command: its `--wait`, else ETL_WAIT_SECONDS; messages on stderr. */
export function leaseWait(env: Env, wait: number | undefined): LeaseWait {
  return { seconds: wait ?? env.ETL_WAIT_SECONDS, say: (line) => console.error(line) };
}

/** `--json` (docs/etl.md): the documented keys first, then the extras. */
export function summaryJson(summary: LoadSummary): string {
  const { files, rows, loaded, duplicates, quarantined, quarantineReasons, seconds, ...rest } =
    summary;
  return JSON.stringify({
    files,
    rows,
    loaded,
    duplicates,
    quarantined,
    quarantineReasons,
    seconds,
    ...rest,
  });
}

export function summaryText(summary: LoadSummary): string {
  const lines = [
    `files: ${summary.files}` +
      (summary.filesAlreadyLoaded
        ? ` (${summary.filesAlreadyLoaded} already loaded, skipped)`
        : ''),
    `rows read: ${summary.rows}`,
    `loaded: ${summary.loaded}`,
    `duplicates skipped: ${summary.duplicates}`,
    `quarantined: ${summary.quarantined}`,
    ...Object.entries(summary.quarantineReasons)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `  ${reason}: ${n}`),
    `seconds: ${summary.seconds}`,
  ];
  if (summary.recovered)
    lines.push(`rolled back ${summary.recovered} interrupted earlier load(s) first`);
  if (summary.skipped.length) lines.push(`not event files, skipped: ${summary.skipped.join(', ')}`);
  return lines.join('\n');
}

export { errorLine };

/**
 * The error on stderr, exit 1: its code, what happened and what to do (failures.ts
 * decides whether running the same command again helps).
 */
function fail(err: unknown): never {
  console.error(errorLine(err));
  process.exit(1);
}

export function registerLoad(program: Command): void {
  waitOption(program.command('load'))
    .description('load event files or folders (NDJSON, CSV, optionally .gz) into ClickHouse')
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--score', 're-score open cases with the published models after the load')
    .action(async (paths: string[], opts: { json?: boolean; score?: boolean; wait?: number }) => {
      const bar =
        !opts.json && process.stderr.isTTY
          ? new SingleBar(
              {
                format: '{file} |{bar}| {percentage}% {value}/{total} lines',
                stream: process.stderr,
              },
              Presets.shades_classic,
            )
          : undefined;
      try {
        let scores: RefreshedScores[] | undefined;
        let scoreError: unknown;
        const summary = await withDb(async (db, env) => {
          const loaded = await loadPaths(db, paths, {
            piiKey: env.PII_KEY,
            lease: leaseWait(env, opts.wait),
            onProgress: bar
              ? (p) => {
                  const file = `[${p.fileIndex + 1}/${p.files}]`;
                  if (p.fileRowsDone === 0) bar.start(Math.max(p.fileRows, 1), 0, { file });
                  // A file loaded in one pass reports its line count only when finished.
                  bar.setTotal(Math.max(p.fileRows, 1));
                  bar.update(p.fileRowsDone, { file });
                }
              : undefined,
          });
          bar?.stop();
          // The load is stored whatever re-scoring does: a failure to re-score is reported
          // after the load's summary, not as the load's failure.
          if (opts.score && loaded.loaded > 0)
            scores = await refreshScores(db, leaseWait(env, opts.wait)).catch((err: unknown) => {
              scoreError = err;
              return undefined;
            });
          return loaded;
        });
        bar?.stop();
        if (opts.json)
          console.log(
            scores
              ? JSON.stringify({ ...JSON.parse(summaryJson(summary)), scores })
              : summaryJson(summary),
          );
        else console.log([summaryText(summary), ...(scores ?? []).map(refreshLine)].join('\n'));
        const unreadable = unreadableError(summary);
        if (unreadable) {
          console.error(errorLine(unreadable));
          process.exitCode = 2;
        }
        if (scoreError !== undefined) {
          console.error(
            `SCORES_NOT_REFRESHED: the load finished and is stored; re-scoring did not run (${errorLine(scoreError)}). Run pnpm etl score.`,
          );
          process.exitCode = 1;
        }
      } catch (err) {
        bar?.stop();
        fail(err);
      }
    });
}

export function registerWatch(program: Command): void {
  waitOption(program.command('watch'))
    .description('poll an inbox folder and load new event files as they appear (Ctrl-C to stop)')
    .argument('<dir>', 'the inbox folder')
    .option('--interval <ms>', 'poll interval in milliseconds', '2000')
    .option('--score', 're-score open cases with the published models after each load')
    .action(async (dir: string, opts: { interval: string; score?: boolean; wait?: number }) => {
      try {
        await withDb(async (db, env) => {
          const job = watchInbox(db, dir, {
            piiKey: env.PII_KEY,
            lease: leaseWait(env, opts.wait),
            intervalMs: Number(opts.interval),
            onLoad: async (summary) => {
              console.log(summaryJson(summary));
              if (opts.score && summary.loaded > 0)
                for (const r of await refreshScores(db, leaseWait(env, opts.wait)))
                  console.error(refreshLine(r));
            },
            onError: (err) => console.error(errorLine(err)),
          });
          console.error(`watching ${dir} for event files; Ctrl-C to stop`);
          await new Promise<void>((resolve) => {
            const stop = () => void job.stop().then(resolve);
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        });
      } catch (err) {
        fail(err);
      }
    });
}

/**
 * `pnpm etl rebuild`: every derived table emptied and recomputed from the stored events
 * (after a derived table's definition changes). An interrupted load is undone first, as
 * at the start of a load; loads whose refresh was cut short count as refreshed after.
 */
export function registerRebuild(program: Command): void {
  waitOption(program.command('rebuild'))
    .description('empty every derived table and recompute it from the stored events')
    .action(async (opts: { wait?: number }) => {
      try {
        const { loads, seconds } = await withDb((db, env) =>
          withLease(db, 'rebuild', leaseWait(env, opts.wait), async () => {
            const t0 = performance.now();
            await recoverInterrupted(db);
            const pending = await pendingRefresh(db);
            const result = await rebuildDerived(db);
            await markRefreshed(db, pending);
            return { ...result, seconds: (performance.now() - t0) / 1000 };
          }),
        );
        console.log(
          `rebuilt ${DERIVED_TABLES.length} derived tables from ${loads} loads in ${seconds.toFixed(1)} s`,
        );
      } catch (err) {
        const started = !(err instanceof PlatformError && err.code === 'LOAD_RUNNING');
        console.error(
          started ? `${errorLine(err)}. Running the rebuild again starts it over.` : errorLine(err),
        );
        process.exit(1);
      }
    });
}

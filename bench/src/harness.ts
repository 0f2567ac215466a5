/**
 * The benchmark: one portfolio, loaded by each engine in its own process;
 * every engine must give the same numbers before anything is timed; then
 * warm-up and N interleaved rounds of every core query on every target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchArgs } from './args.ts';
import { compareCanonical } from './compare.ts';
import { prepareData, type Scale } from './data.ts';
import { CLICKHOUSE_WIRED } from './engines/clickhouse.ts';
import { locatePostgres, startPostgres, type PgServer } from './engines/postgres-server.ts';
import { COMPARISON_SQL } from './metrics/index.ts';
import type { BenchArgs, Canonical } from './metrics/types.ts';
import type { DataRange, Loaded, RunResult } from './protocol.ts';
import { sampleTreePeak } from './rss.ts';
import { schedule, summarize, type Summary } from './stats.ts';
import { TARGETS, type EngineKind, type Target } from './targets.ts';
import { startWorker, type WorkerHandle } from './worker-handle.ts';

export interface BenchOptions {
  readonly scale: Scale;
  readonly runs: number;
  readonly warmup: number;
  /** Use these event files instead of generating a portfolio. */
  readonly files?: string[];
  readonly log?: (line: string) => void;
}

export interface EngineInfo {
  readonly engine: EngineKind;
  readonly version: string;
  readonly load: Loaded;
  readonly peakRss: number;
}

export interface CheckResult {
  readonly metric: string;
  readonly agree: boolean;
  /** The targets compared, and the first difference when they disagree. */
  readonly compared: string[];
  readonly detail?: string;
}

export interface BenchResult {
  readonly date: string;
  readonly scale: Scale;
  readonly runs: number;
  readonly warmup: number;
  readonly args: BenchArgs;
  readonly engines: EngineInfo[];
  readonly skipped: { engine: EngineKind; reason: string }[];
  readonly checks: CheckResult[];
  readonly timings: { metric: string; target: Target; summary: Summary }[];
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => undefined);
  const work = mkdtempSync(path.join(tmpdir(), 'bench-run-'));
  const workers = new Map<EngineKind, WorkerHandle>();
  const skipped: BenchResult['skipped'] = [];
  let pg: PgServer | undefined;
  let pgPeak: { stop(): number } | undefined;
  try {
    const files = options.files ?? (await prepareData(options.scale, path.join(work, 'data')));
    log(`data: ${files.length} file(s)`);

    const kinds: EngineKind[] = [];
    if (CLICKHOUSE_WIRED) kinds.push('clickhouse');
    else skipped.push({ engine: 'clickhouse', reason: 'not wired yet (ETL loader / API metrics)' });
    if (locatePostgres()) kinds.push('postgres');
    else skipped.push({ engine: 'postgres', reason: 'PostgreSQL could not be installed or found' });
    kinds.push('duckdb');

    const engines: EngineInfo[] = [];
    for (const kind of kinds) {
      const worker = startWorker(kind);
      workers.set(kind, worker);
      if (kind === 'postgres') {
        pg = await startPostgres();
        const server = pg;
        pgPeak = sampleTreePeak(() => server.pid());
        await worker.call({ op: 'open', engine: kind, port: pg.port, user: pg.user });
      } else {
        await worker.call({ op: 'open', engine: kind });
      }
      log(`${kind}: loading`);
      const load = await worker.call<Loaded>({ op: 'load', files });
      log(`${kind}: ${load.events} events in ${load.seconds.toFixed(2)} s`);
      engines.push({
        engine: kind,
        version: await worker.call<string>({ op: 'version' }),
        load,
        peakRss: 0,
      });
    }

    const reference = workers.get('duckdb')!;
    const args = benchArgs(await reference.call<DataRange>({ op: 'argsRange' }));
    log(`arguments: ${JSON.stringify(args)}`);
    const targets = TARGETS.filter((t) => workers.has(t.engine));
    const metrics = COMPARISON_SQL.map((m) => m.name);

    // The equality check doubles as the first warm-up round.
    const checks: CheckResult[] = [];
    const unsupported = new Set<string>();
    for (const metric of metrics) {
      const answers: { label: string; canonical: Canonical }[] = [];
      for (const target of targets) {
        const r = await workers.get(target.engine)!.call<RunResult>({
          op: 'run',
          metric,
          mode: target.mode,
          args,
          canonical: target.mode !== 'bare',
        });
        if (r.unsupported) {
          unsupported.add(`${metric}\u0000${target.label}`);
          log(`${metric}: not served by ${target.label}`);
        } else if (r.canonical) answers.push({ label: target.label, canonical: r.canonical });
      }
      const check = compareCanonical(metric, answers);
      checks.push(check);
      log(`check ${metric}: ${check.agree ? 'same numbers' : `DIFFERENT — ${check.detail}`}`);
    }
    const disagree = checks.filter((c) => !c.agree);
    if (disagree.length > 0) {
      throw new Error(
        `engines disagree on ${disagree.map((c) => c.metric).join(', ')}: not timing wrong answers`,
      );
    }

    const samples = new Map<string, number[]>();
    const plan = schedule(metrics, targets, Math.max(0, options.warmup - 1), options.runs);
    for (const step of plan) {
      if (unsupported.has(`${step.query}\u0000${step.target.label}`)) continue;
      const r = await workers.get(step.target.engine)!.call<RunResult>({
        op: 'run',
        metric: step.query,
        mode: step.target.mode,
        args,
        canonical: false,
      });
      if (step.warm) continue;
      const key = `${step.query}\u0000${step.target.label}`;
      samples.set(key, [...(samples.get(key) ?? []), r.ms]);
    }
    const timings = metrics.flatMap((metric) =>
      targets
        .filter((target) => samples.has(`${metric}\u0000${target.label}`))
        .map((target) => ({
          metric,
          target,
          summary: summarize(samples.get(`${metric}\u0000${target.label}`)!),
        })),
    );

    for (const info of engines) {
      const own = await workers.get(info.engine)!.call<number>({ op: 'peakRss' });
      const server = info.engine === 'postgres' && pgPeak ? pgPeak.stop() : 0;
      (info as { peakRss: number }).peakRss = info.engine === 'postgres' ? server : own;
    }
    return {
      date: new Date().toISOString(),
      scale: options.scale,
      runs: options.runs,
      warmup: options.warmup,
      args,
      engines,
      skipped,
      checks,
      timings,
    };
  } finally {
    for (const w of workers.values()) await w.stop().catch(() => undefined);
    pgPeak?.stop();
    await pg?.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

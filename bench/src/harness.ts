/**
 * The benchmark: one portfolio, loaded by each engine in its own process;
 * every engine must give the same numbers before anything is timed; then
 * warm-up and N interleaved rounds of every core query on every target.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  /** ClickHouse: copy this loaded database instead of running the ETL (the load is measured apart). */
  readonly clickhouseDb?: string;
  /** Cap on one query, seconds (0: none); a capped query is shown as timed out and not run again. */
  readonly maxQuerySeconds?: number;
  /**
   * Time the queries even when the engines disagree (the differences are in the
   * report). Default: only at M, where a run costs most of an hour and the
   * definitions were already checked at S.
   */
  readonly timeDespiteDifferences?: boolean;
  readonly log?: (line: string) => void;
}

/** Wall-clock seconds of the run's parts, in order (generate, each load, check, timing). */
export type RunPhases = { name: string; seconds: number }[];

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
  /** Queries stopped at the cap: metric and target label. */
  readonly timedOut: { metric: string; target: string; seconds: number }[];
  readonly maxQuerySeconds: number;
  readonly phases: RunPhases;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => undefined);
  const phases: RunPhases = [];
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases.push({ name, seconds: (now - phaseStart) / 1000 });
    log(`${name}: ${((now - phaseStart) / 1000).toFixed(1)} s`);
    phaseStart = now;
  };
  const maxQuerySeconds = options.maxQuerySeconds ?? 0;
  const work = mkdtempSync(path.join(tmpdir(), 'bench-run-'));
  const workers = new Map<EngineKind, WorkerHandle>();
  const skipped: BenchResult['skipped'] = [];
  let pg: PgServer | undefined;
  let pgPeak: { stop(): number } | undefined;
  try {
    const files = options.files ?? (await prepareData(options.scale, path.join(work, 'data')));
    log(`data: ${files.length} file(s)`);
    if (!options.files) phase('generate');

    // The comparison engines load first: a reused ClickHouse database may still be in the making.
    const kinds: EngineKind[] = [];
    if (locatePostgres()) kinds.push('postgres');
    else skipped.push({ engine: 'postgres', reason: 'PostgreSQL could not be installed or found' });
    kinds.push('duckdb');
    if (CLICKHOUSE_WIRED) kinds.push('clickhouse');
    else skipped.push({ engine: 'clickhouse', reason: 'not wired yet (ETL loader / API metrics)' });

    const engines: EngineInfo[] = [];
    for (const kind of kinds) {
      const worker = startWorker(kind);
      workers.set(kind, worker);
      const dir = path.join(work, kind);
      mkdirSync(dir);
      if (kind === 'postgres') {
        pg = await startPostgres();
        const server = pg;
        pgPeak = sampleTreePeak(() => server.pid());
        await worker.call({ op: 'open', engine: kind, port: pg.port, user: pg.user, dir });
      } else {
        const reuse = kind === 'clickhouse' && options.clickhouseDb;
        if (reuse) await waitFor(options.clickhouseDb!, log);
        await worker.call({
          op: 'open',
          engine: kind,
          dir,
          ...(reuse ? { clickhouseDb: options.clickhouseDb } : {}),
        });
      }
      log(`${kind}: loading`);
      const load = await worker.call<Loaded>({ op: 'load', files });
      log(`${kind}: ${load.events} events in ${load.seconds.toFixed(2)} s`);
      for (const p of load.phases ?? []) log(`${kind}:   ${p.name} ${p.seconds.toFixed(1)} s`);
      if (maxQuerySeconds > 0) await worker.call({ op: 'limit', seconds: maxQuerySeconds });
      phase(`${kind}: open and load`);
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
    const timedOut: BenchResult['timedOut'] = [];
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
        log(`${metric} on ${target.label}: ${r.timedOut ? 'timed out' : `${r.ms.toFixed(0)} ms`}`);
        if (r.unsupported) {
          unsupported.add(`${metric}\u0000${target.label}`);
          log(`${metric}: not served by ${target.label}`);
        } else if (r.timedOut) {
          unsupported.add(`${metric}\u0000${target.label}`);
          timedOut.push({ metric, target: target.label, seconds: maxQuerySeconds });
        } else if (r.canonical) answers.push({ label: target.label, canonical: r.canonical });
      }
      const check = compareCanonical(metric, answers);
      checks.push(check);
      log(`check ${metric}: ${check.agree ? 'same numbers' : `DIFFERENT — ${check.detail}`}`);
    }
    phase('equality check (first warm-up round)');
    const disagree = checks.filter((c) => !c.agree);
    const timeAnyway = options.timeDespiteDifferences ?? options.scale === 'M';
    if (disagree.length > 0 && !timeAnyway) {
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
      if (r.timedOut) {
        unsupported.add(`${step.query}\u0000${step.target.label}`);
        timedOut.push({ metric: step.query, target: step.target.label, seconds: maxQuerySeconds });
        samples.delete(`${step.query}\u0000${step.target.label}`);
        continue;
      }
      if (step.warm) continue;
      const key = `${step.query}\u0000${step.target.label}`;
      samples.set(key, [...(samples.get(key) ?? []), r.ms]);
    }
    phase(`timing: ${Math.max(0, options.warmup - 1)} more warm-up + ${options.runs} timed rounds`);
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
      timedOut,
      maxQuerySeconds,
      phases,
    };
  } finally {
    for (const w of workers.values()) await w.stop().catch(() => undefined);
    pgPeak?.stop();
    await pg?.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

/** A reused database directory appears when its load ends (snapshot written under a temp name, then renamed). */
async function waitFor(dir: string, log: (line: string) => void): Promise<void> {
  if (existsSync(dir)) return;
  log(`waiting for ${dir}`);
  while (!existsSync(dir)) await new Promise((resolve) => setTimeout(resolve, 10_000));
}

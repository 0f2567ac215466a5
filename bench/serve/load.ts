/**
 * `pnpm bench:load --chdb-path DIR [--repo DIR] [--baseline-repo DIR --baseline-chdb-path DIR]
 *  [--port N] [--rates 5,25,…] [--seconds N] [--target-seconds N] [--noisy-aliases N]
 *  [--skip-ladder] [--out FILE]`
 *
 * Starts the API (`app/src/main.ts` of --repo, default this checkout; `api/src/main.ts`
 * in a checkout from before the app package) on a loaded
 * embedded database, then replays the dashboard's mix (overview kpis, rollRates
 * over 12 months, agentPerformance for the last month, strategyComparison) with
 * autocannon: a rate ladder, the target rung (200 req/s for --target-seconds),
 * and a noisy neighbour (one client sending back to back a request of
 * --noisy-aliases aliased two-year `kpis`, each window shifted at random so the
 * cache cannot answer it, under its own API key) while the mix runs at 200 req/s.
 * Reports throughput, p50/p95/p99, errors (non-2xx or GraphQL errors), time-outs
 * and the API's peak RSS (whole process tree). Each scenario starts a fresh API (a
 * rung that timed out must not leave its backlog to the next). With a baseline,
 * every scenario runs for the baseline checkout and then for this one, side by
 * side, so that the shared machine's noise hits both alike (compare ratios).
 * Before measuring, each request of the mix is sent once (the state after a load's
 * warm-up); the noisy neighbour's requests are never cached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { mixRequests, noisyBody, type Mix } from './mix.ts';

const program = new Command()
  .requiredOption('--chdb-path <dir>', 'loaded embedded database (copied? no: used in place)')
  .option('--repo <dir>', 'checkout whose API to start', process.cwd())
  .option('--baseline-repo <dir>', 'a second checkout to compare with, scenario by scenario')
  .option('--baseline-chdb-path <dir>', "the baseline's copy of the database")
  .option('--port <n>', 'API port', '4110')
  .option('--rates <list>', 'rate ladder, req/s', '5,25,50,100,200,400')
  .option('--seconds <n>', 'seconds per ladder rung', '10')
  .option('--target-seconds <n>', 'seconds of the 200 req/s target run', '60')
  .option(
    '--noisy-aliases <n>',
    'aliased kpis in the noisy request (20: the most the default MAX_QUERY_ALIASES admits; 20 × 8.6 is within MAX_QUERY_COST 250)',
    '20',
  )
  .option('--timeout <n>', 'client time-out, seconds', '10')
  .option('--skip-ladder', 'only the target run and the noisy neighbour')
  .option('--out <file>', 'write the results as JSON');
program.parse();
const opts = program.opts<{
  chdbPath: string;
  repo: string;
  baselineRepo?: string;
  baselineChdbPath?: string;
  port: string;
  rates: string;
  seconds: string;
  targetSeconds: string;
  noisyAliases: string;
  timeout: string;
  skipLadder?: boolean;
  out?: string;
}>();

const VIEWER = 'bench-viewer-key';
const NOISY = 'bench-noisy-key';
const base = `http://127.0.0.1:${opts.port}`;
const timeoutSeconds = Number(opts.timeout);

/** RSS of a process and its descendants (bytes), from /proc. */
function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const kid of kids ? kids.split(/\s+/) : []) visit(Number(kid));
      }
    } catch {
      /* the process ended */
    }
  };
  visit(pid);
  return total;
}

interface Variant {
  readonly name: string;
  readonly repo: string;
  readonly chdbPath: string;
}

async function startApi(variant: Variant): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const main = existsSync(path.join(variant.repo, 'app/src/main.ts'))
    ? 'app/src/main.ts'
    : 'api/src/main.ts';
  const child = spawn(path.join(variant.repo, 'node_modules/.bin/tsx'), [main], {
    cwd: variant.repo,
    env: {
      // The child needs PATH and HOME from here; its own configuration is set below.
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      CHDB_PATH: path.resolve(variant.chdbPath),
      PORT: opts.port,
      HOST: '127.0.0.1',
      API_KEYS: `${VIEWER}:viewer,${NOISY}:viewer`,
      PII_KEY: 'bench-key-0123456789',
      INBOX_DIR: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface RunResult {
  readonly variant?: string;
  readonly name: string;
  readonly rate: number;
  readonly seconds: number;
  readonly sent: number;
  readonly answered: number;
  readonly throughput: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: number;
  readonly timeouts: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * autocannon without a callback returns its instance (events, `stop()`), which is
 * also a promise of the result (autocannon's lib/init.js); @types/autocannon
 * types it as the promise only.
 */
function cannon(options: autocannon.Options): autocannon.Instance & Promise<autocannon.Result> {
  return autocannon(options) as autocannon.Instance & Promise<autocannon.Result>;
}

/** One autocannon run of the mix at `rate` req/s; latencies from every response. */
function runMix(
  name: string,
  mix: Mix,
  rate: number,
  seconds: number,
  key: string,
): { done: Promise<RunResult>; stop(): void } {
  const latencies: number[] = [];
  let errors = 0;
  const instance = cannon({
    url: base,
    connections: Math.max(4, Math.min(400, rate * 2)),
    overallRate: rate,
    duration: seconds,
    timeout: timeoutSeconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    requests: mix.map((body) => ({
      method: 'POST' as const,
      path: '/graphql',
      body,
      onResponse: (status: number, resBody: string) => {
        if (status !== 200 || resBody.includes('"errors"')) errors++;
      },
    })),
  });
  instance.on('response', (_client, _status, _bytes, responseTime: number) =>
    latencies.push(responseTime),
  );
  const done = new Promise<RunResult>((resolve, reject) => {
    instance.once('done', (result) => {
      latencies.sort((a, b) => a - b);
      resolve({
        name,
        rate,
        seconds,
        sent: result.requests.sent,
        answered: latencies.length,
        throughput: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        errors: errors + result.errors - result.timeouts,
        timeouts: result.timeouts,
      });
    });
    instance.once('error', reject);
  });
  return { done, stop: () => instance.stop() };
}

/** The noisy neighbour: one connection, back to back, a fresh expensive request each time. */
function runNoisy(seconds: number, aliases: number) {
  const latencies: number[] = [];
  let errors = 0;
  const instance = cannon({
    url: base,
    connections: 1,
    duration: seconds,
    timeout: 120,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${NOISY}` },
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (req) => ({ ...req, body: noisyBody(aliases) }),
        onResponse: (status: number, resBody: string) => {
          if (status !== 200 || resBody.includes('"errors"')) errors++;
        },
      },
    ],
  });
  instance.on('response', (_c, _s, _b, t: number) => latencies.push(t));
  return new Promise<{ requests: number; p50: number; errors: number }>((resolve) =>
    instance.once('done', () => {
      latencies.sort((a, b) => a - b);
      resolve({ requests: latencies.length, p50: percentile(latencies, 50), errors });
    }),
  );
}

function line(r: RunResult): string {
  return (
    `${(r.variant ?? '').padEnd(9)} ${r.name.padEnd(21)} ${String(r.rate).padStart(4)} req/s × ${r.seconds} s: ` +
    `${r.throughput.toFixed(1)} answers/s, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, ` +
    `p99 ${r.p99.toFixed(0)} ms, errors ${r.errors}, time-outs ${r.timeouts}`
  );
}

const variants: Variant[] = [
  ...(opts.baselineRepo
    ? [
        {
          name: 'baseline',
          repo: opts.baselineRepo,
          chdbPath: opts.baselineChdbPath ?? opts.chdbPath,
        },
      ]
    : []),
  { name: 'current', repo: opts.repo, chdbPath: opts.chdbPath },
];

/** Run `body` against a fresh API of `variant`, sampling its peak RSS. */
async function withApi<T>(variant: Variant, body: (mix: Mix) => Promise<T>): Promise<T> {
  const api = await startApi(variant);
  const sampler = setInterval(() => {
    const rss = treeRss(api.child.pid!);
    peakRss.set(variant.name, Math.max(peakRss.get(variant.name) ?? 0, rss));
  }, 250);
  try {
    const mix = await mixRequests(base, VIEWER);
    // Prime: each request of the mix once, one after the other, as the first visitor after a load.
    for (const request of mix)
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${VIEWER}` },
        body: request,
      }).then((r) => r.text());
    return await body(mix);
  } finally {
    clearInterval(sampler);
    await api.stop();
  }
}

const peakRss = new Map<string, number>();
const results: RunResult[] = [];
const noisy: Record<string, { requests: number; p50: number; errors: number }> = {};
const record = (variant: Variant, r: RunResult) => {
  const tagged = { ...r, variant: variant.name };
  results.push(tagged);
  console.log(line(tagged));
};

const rates = opts.skipLadder ? [] : opts.rates.split(',').map(Number);
for (const rate of rates)
  for (const v of variants)
    record(
      v,
      await withApi(v, (mix) => runMix('ladder', mix, rate, Number(opts.seconds), VIEWER).done),
    );
for (const v of variants)
  record(
    v,
    await withApi(v, (mix) => runMix('target', mix, 200, Number(opts.targetSeconds), VIEWER).done),
  );
const noisySeconds = Math.min(60, Number(opts.targetSeconds));
for (const v of variants)
  await withApi(v, async (mix) => {
    const noisyRun = runNoisy(noisySeconds, Number(opts.noisyAliases));
    record(v, await runMix('with noisy neighbour', mix, 200, noisySeconds, VIEWER).done);
    const n = await noisyRun;
    noisy[v.name] = n;
    console.log(
      `${v.name.padEnd(9)} noisy neighbour: ${n.requests} requests of ${opts.noisyAliases} aliased kpis, p50 ${n.p50.toFixed(0)} ms, errors ${n.errors}`,
    );
  });
for (const [name, rss] of peakRss)
  console.log(`${name.padEnd(9)} peak RSS of the API: ${(rss / 1e9).toFixed(2)} GB`);
if (opts.out)
  writeFileSync(
    opts.out,
    `${JSON.stringify({ results, noisy, peakRss: Object.fromEntries(peakRss) }, null, 2)}\n`,
    'utf8',
  );

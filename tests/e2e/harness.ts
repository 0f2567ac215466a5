/**
 * End-to-end harness: the real product on a generated portfolio, driven through
 * the CLI like a user would (docs/api.md): generate → load → build the dashboard →
 * `pnpm api`, then Debian's Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  appendFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/screenshots');
const PII_KEY = 'e2e-only-key-0123456789abcdef';

function run(cmd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

/** The next port of E2E_PORTS (`first-last`, on a shared machine) after `last`; 0 = any free one. */
let lastPort = 0;
function nextPort(): number {
  const m = /^(\d+)-(\d+)$/.exec(process.env.E2E_PORTS ?? '');
  if (!m) return 0;
  const [first, last] = [Number(m[1]), Number(m[2])];
  lastPort = lastPort >= first && lastPort < last ? lastPort + 1 : first;
  return lastPort;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(nextPort(), '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** All generated NDJSON files as one file: one load instead of one per month and type. */
function concatEvents(dir: string, out: string): void {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ndjson')) files.push(p);
    }
  };
  walk(dir);
  for (const f of files) appendFileSync(out, readFileSync(f));
}

export interface Product {
  url: string;
  /** Sent as `Authorization: Bearer` by `gql` once the API runs with API_KEYS. */
  apiKey: string | null;
  /** Events in the loaded portfolio (0 for a copied database). */
  events: number;
  /** `pnpm etl score --json`'s summary when the product was started with `score`. */
  scored: ScoreSummary[];
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  browser: BrowserContext;
  /** Stops the API and starts it again on a new port (a fresh origin) with `env` added. */
  restartApi(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface ProductOptions {
  /**
   * Portfolio size: the default is small (1 500 accounts, 12 months, seed 7);
   * E2E_SCALE=S gives the generator's scale S (10 000 accounts, 24 months),
   * the size the docs quote the overview's first render for.
   */
  scale?: 'S' | undefined;
  /**
   * A loaded database folder to copy and serve instead of generating and
   * loading a portfolio (the screenshots' demo). The original is never opened.
   */
  database?: string | undefined;
  /** Accounts of the default 12-month portfolio (1 500 when absent). */
  accounts?: number;
  /** Train and score the propensity models after the load (`pnpm etl score`, docs/models.md). */
  score?: boolean;
}

/** One target of `pnpm etl score --json`. */
export interface ScoreSummary {
  target: string;
  runId: string;
  published: boolean;
  verdict: string;
  scoredCases: number;
}

async function startApi(env: Record<string, string>): Promise<{ api: ChildProcess; url: string }> {
  const port = await freePort();
  const api: ChildProcess = spawn('pnpm', ['-s', 'api'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  // Bounded wait for /healthz (the database opens and migrates first).
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600 || api.exitCode !== null) throw new Error('the API did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { api, url };
}

async function stopApi(api: ChildProcess): Promise<void> {
  if (api.exitCode === null && api.pid) {
    const exited = new Promise((r) => api.once('exit', r));
    process.kill(-api.pid, 'SIGTERM');
    await exited;
  }
}

/** A loaded database, copied: one chDB process per folder, and the original stays untouched. */
function copyDatabase(from: string, to: string): { loaded: number } {
  cpSync(from, to, { recursive: true });
  return { loaded: 0 };
}

async function generateAndLoad(
  work: string,
  options: ProductOptions,
  env: Record<string, string>,
): Promise<{ loaded: number }> {
  const size = options.scale
    ? ['--scale', options.scale]
    : ['--accounts', String(options.accounts ?? 1500), '--months', '12'];
  const genArgs = ['generate', '--out', path.join(work, 'events'), ...size, '--seed', '7'];
  await run('pnpm', ['-s', 'etl', ...genArgs], env);
  mkdirSync(path.join(work, 'load'));
  concatEvents(path.join(work, 'events'), path.join(work, 'load', 'events.ndjson'));
  const summary = JSON.parse(
    await run('pnpm', ['-s', 'etl', 'load', path.join(work, 'load'), '--json'], env),
  ) as {
    loaded: number;
  };
  if (!(summary.loaded > 0)) throw new Error('the generated portfolio did not load');
  return summary;
}

export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const work = mkdtempSync(path.join(tmpdir(), 'collections-e2e-'));
  const env = { CHDB_PATH: path.join(work, 'db'), PII_KEY, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const summary = options.database
    ? copyDatabase(options.database, env.CHDB_PATH)
    : await generateAndLoad(work, options, env);
  // Before the API starts: the embedded database takes one process at a time.
  const scored = options.score
    ? (JSON.parse(await run('pnpm', ['-s', 'etl', 'score', '--json'], env)) as ScoreSummary[])
    : [];
  // vitest sets NODE_ENV=test, which would bundle React's development build.
  await run('pnpm', ['--filter', '@collections/dashboard', 'build'], { NODE_ENV: 'production' });

  let { api, url } = await startApi(env);

  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const product: Product = {
    url,
    apiKey: null,
    events: summary.loaded,
    scored,
    browser,
    async gql<T>(query: string, variables: Record<string, unknown> = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (product.apiKey) headers.authorization = `Bearer ${product.apiKey}`;
      const res = await fetch(`${product.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async restartApi(extra) {
      await stopApi(api);
      ({ api, url } = await startApi({ ...env, ...extra }));
      product.url = url;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await stopApi(api);
      rmSync(work, { recursive: true, force: true });
    },
  };
  return product;
}

/** Minimal CSV reader for the dashboard's own exports (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

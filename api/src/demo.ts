/**
 * `pnpm start` wiring to the ETL: seed an empty database with a generated demo
 * portfolio (scale S) and watch INBOX_DIR for new files. The generator
 * (`generate`) and loader (`loadPaths`, `watchInbox`) live in @collections/etl;
 * when this build lacks one of them, the step says so instead of pretending.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { queryRows, type Db, type Env } from '@collections/schema';

type Etl = Record<string, unknown>;

async function etlModule(): Promise<Etl> {
  try {
    // A variable specifier: the package's exports grow on other branches, and this must build either way.
    const specifier = '@collections/etl';
    return (await import(specifier)) as Etl;
  } catch {
    return {};
  }
}

/** True when no event has been loaded yet. */
export async function isEmpty(db: Pick<Db, 'client'>): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    db,
    'SELECT toUInt32(count() > 0) AS n FROM (SELECT 1 FROM account_snapshot LIMIT 1 UNION ALL SELECT 1 FROM account_opened LIMIT 1)',
  );
  return Number(row?.n ?? 0) === 0;
}

export type SeedResult =
  | { readonly seeded: true; readonly summary: unknown }
  | { readonly seeded: false; readonly reason: string };

/** Generate a demo portfolio (scale S) into a temp folder and load it, when the database is empty. */
export async function seedDemoIfEmpty(
  db: Db,
  env: Env,
  say: (line: string) => void = console.log,
): Promise<SeedResult> {
  if (!(await isEmpty(db))) return { seeded: false, reason: 'the database already holds data' };
  const etl = await etlModule();
  const generate = etl.generate as
    ((o: { out: string; scale?: 'S' }) => Promise<unknown>) | undefined;
  const loadPaths = etl.loadPaths as
    ((db: Db, paths: string[], o: { piiKey?: string }) => Promise<unknown>) | undefined;
  if (typeof generate !== 'function' || typeof loadPaths !== 'function')
    return {
      seeded: false,
      reason:
        'this build has no demo generator/loader yet (@collections/etl does not export generate and loadPaths), so the API starts empty; load files with `pnpm etl load`',
    };
  const dir = mkdtempSync(path.join(tmpdir(), 'collections-demo-'));
  try {
    // The demo needs some key to hash its synthetic PII; a random one is as good as any for made-up people.
    const piiKey = env.PII_KEY ?? randomBytes(24).toString('hex');
    say(`Empty database: generating a demo portfolio (scale S) in ${dir} …`);
    await generate({ out: path.join(dir, 'events'), scale: 'S' });
    say('Loading it …');
    const summary = await loadPaths(db, [path.join(dir, 'events')], { piiKey });
    return { seeded: true, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Start watching INBOX_DIR when set and the loader offers `watchInbox`; returns a stop function. */
export async function startInbox(
  db: Db,
  env: Env,
  say: (line: string) => void = console.log,
): Promise<() => Promise<void>> {
  if (!env.INBOX_DIR) return async () => undefined;
  const etl = await etlModule();
  const watchInbox = etl.watchInbox as
    | ((
        db: Db,
        dir: string,
        o: {
          piiKey?: string;
          onLoad?: (summary: { loaded?: number; quarantined?: number }) => void;
          onError?: (err: unknown) => void;
        },
      ) => { stop(): Promise<void> })
    | undefined;
  if (typeof watchInbox !== 'function') {
    say(
      `INBOX_DIR is set, but this build has no inbox watcher (@collections/etl watchInbox); ${env.INBOX_DIR} is not watched.`,
    );
    return async () => undefined;
  }
  const watcher = watchInbox(db, env.INBOX_DIR, {
    piiKey: env.PII_KEY,
    onLoad: (s) => say(`Inbox: loaded ${s.loaded ?? 0} rows, quarantined ${s.quarantined ?? 0}.`),
    onError: (err) =>
      say(`Inbox: load failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  say(`Watching ${env.INBOX_DIR} for event files.`);
  return () => watcher.stop();
}

/**
 * `pnpm start`'s demo: seed an empty database with a generated portfolio (scale S),
 * loaded by the ETL as any delivery would be.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPaths, type LoadSummary } from '@collections/etl';
import { generate } from '@collections/generator';
import { queryRows, type Db, type Env } from '@collections/schema';

/** True when no event has been loaded yet. */
export async function isEmpty(db: Pick<Db, 'client'>): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(
    db,
    'SELECT toUInt32(count() > 0) AS n FROM (SELECT 1 FROM account_snapshot LIMIT 1 UNION ALL SELECT 1 FROM account_opened LIMIT 1)',
  );
  return Number(row?.n ?? 0) === 0;
}

export type SeedResult =
  | { readonly seeded: true; readonly summary: LoadSummary }
  | { readonly seeded: false; readonly reason: string };

/** Generate a demo portfolio (scale S) into a temp folder and load it, when the database is empty. */
export async function seedDemoIfEmpty(
  db: Db,
  env: Env,
  say: (line: string) => void = console.log,
): Promise<SeedResult> {
  if (!(await isEmpty(db))) return { seeded: false, reason: 'the database already holds data' };
  const dir = mkdtempSync(path.join(tmpdir(), 'collections-demo-'));
  try {
    // The demo's customers are made up; without PII_KEY a random key hashes them.
    const piiKey = env.PII_KEY ?? randomBytes(24).toString('hex');
    say(`Empty database: generating a demo portfolio (scale S) in ${dir} …`);
    const out = path.join(dir, 'events');
    const generated = await generate({ out, scale: 'S' });
    // One file in sorted path order holds the same events in the same order as the
    // folder (docs/etl.md: files in sorted path order, lines in file order), and the
    // loader's fixed cost per file is seconds: one file loads much faster.
    const demoFile = path.join(dir, 'demo.ndjson');
    await concatenate(
      generated.files
        .map((f) => f.path)
        .filter((p) => p.endsWith('.ndjson'))
        .sort()
        .map((p) => path.resolve(out, p)),
      demoFile,
    );
    say(`Loading ${Object.values(generated.events).reduce((a, b) => a + b, 0)} events …`);
    const summary = await loadPaths(db, [demoFile], { piiKey });
    say(
      `Loaded ${summary.loaded} events (${summary.quarantined} quarantined) in ${summary.seconds.toFixed(1)} s.`,
    );
    return { seeded: true, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function concatenate(files: string[], target: string): Promise<void> {
  const out = createWriteStream(target);
  for (const file of files) {
    for await (const chunk of createReadStream(file)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

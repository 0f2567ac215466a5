/**
 * The CLI as a user runs it (docs/etl.md): `etl load PATH --json` prints the summary
 * keys and exits 0, an unreadable path exits non-zero with a sentence, and a
 * database held by another process gives DB_LOCKED. Also the inbox job.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_TABLES, PlatformError, queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { errorLine } from './commands.ts';
import { watchInbox } from './watch.ts';
import { etl, pay } from './testing/cli-support.ts';
import type { LoadSummary } from './load/index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'etl-cli-test-'));

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(async () => {
  await db?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('etl load', () => {
  it('--json prints one JSON object with the documented keys and exits 0 even with quarantined rows', () => {
    const file = path.join(work, 'a.ndjson');
    writeFileSync(file, `${pay('p1')}\nnot json\n${pay('p1')}\n`);
    const out = etl(['load', file, '--json'], path.join(work, 'db1'));
    expect(out.status).toBe(0);
    const summary = JSON.parse(out.stdout) as LoadSummary;
    // 3 rows: p1 loaded, 'not json' quarantined, p1 again a duplicate.
    expect(summary).toMatchObject({
      files: 1,
      rows: 3,
      loaded: 1,
      duplicates: 1,
      quarantined: 1,
      quarantineReasons: { invalid_json: 1 },
    });
    expect(Object.keys(summary).slice(0, 7)).toEqual([
      'files',
      'rows',
      'loaded',
      'duplicates',
      'quarantined',
      'quarantineReasons',
      'seconds',
    ]);
  });

  it('rebuild recomputes every derived table from the committed loads', () => {
    const file = path.join(work, 'r.ndjson');
    writeFileSync(file, `${pay('r1')}\n${pay('r2')}\n`);
    const chdb = path.join(work, 'db-rebuild');
    expect(etl(['load', file], chdb).status).toBe(0);
    const out = etl(['rebuild'], chdb);
    expect(out.status).toBe(0);
    // one file, one load; the rebuild counts the derived tables it recomputed: all of them
    const rebuilt = new RegExp(
      `^rebuilt ${DERIVED_TABLES.length} derived tables from 1 loads in [\\d.]+ s$`,
      'm',
    );
    expect(out.stdout).toMatch(rebuilt);
  });

  it('exits non-zero with a clear message on an unreadable path', () => {
    const out = etl(['load', path.join(work, 'nope')], path.join(work, 'db2'));
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/PATH_UNREADABLE: Cannot read .*nope/);
    expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says DB_LOCKED when another process holds the embedded database', () => {
    const file = path.join(work, 'a.ndjson');
    const out = etl(['load', file], db.dir); // this test process holds db.dir
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('DB_LOCKED');
  });
});

describe('watchInbox', () => {
  it('loads files dropped into the inbox once they are complete, each once', async () => {
    const inbox = path.join(work, 'inbox');
    mkdirSync(inbox);
    const loads: LoadSummary[] = [];
    const job = watchInbox(db, inbox, {
      intervalMs: 100,
      piiKey: 'k'.repeat(16),
      onLoad: (s) => void loads.push(s),
    });
    writeFileSync(path.join(inbox, '1.ndjson'), `${pay('w1')}\n${pay('w2')}\n`);
    while (loads.length < 1) await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path.join(inbox, '2.ndjson'), `${pay('w3')}\n`);
    writeFileSync(path.join(inbox, 'MANIFEST.json'), '{}');
    while (loads.length < 2) await new Promise((r) => setTimeout(r, 100));
    await job.stop();
    expect(loads.map((s) => [s.files, s.loaded])).toEqual([
      [1, 2],
      [1, 1],
    ]);
    // A restarted job finds everything in the ledger: nothing is loaded twice.
    const again: LoadSummary[] = [];
    const restarted = watchInbox(db, inbox, { intervalMs: 100, onLoad: (s) => void again.push(s) });
    while (again.length < 1) await new Promise((r) => setTimeout(r, 100));
    await restarted.stop();
    expect(again[0]).toMatchObject({ files: 2, filesAlreadyLoaded: 2, loaded: 0 });
    const [row] = await queryRows<{ n: string }>(
      db,
      "SELECT count() AS n FROM payment WHERE event_id LIKE 'w%'",
    );
    expect(Number(row?.n)).toBe(3);
  });
});

describe('error lines', () => {
  it('an unexpected error is its first line, with no stack; a platform error its code and sentence', () => {
    const unexpected = new Error('Array of size 1746086 is too large\nsecond line');
    expect(errorLine(unexpected)).toBe(
      'INTERNAL: unexpected error: Array of size 1746086 is too large. Run the same command again to finish the load; if this repeats, report this message.',
    );
    expect(errorLine(new PlatformError('PATH_UNREADABLE', 'Cannot read x'))).toBe(
      'PATH_UNREADABLE: Cannot read x',
    );
  });
});

/**
 * A file whose bytes cannot be read (a truncated or corrupt .gz) is quarantined whole
 * (reason unreadable_file, ledger `failed`), the other files load and are refreshed, the
 * CLI exits 2 with a sentence saying what to do, and the same bytes are never read again:
 * not by a rerun, not by the inbox job. On every load path: a batch of small files, the
 * one pass of a large file, the careful path, CSV.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { classifyError, errorLine, rerunHelps } from './failures.ts';
import { loadPaths, type LoadOptions, type LoadSummary } from './load/index.ts';
import { watchInbox } from './watch.ts';
import { etl, pay } from './testing/cli-support.ts';

const work = mkdtempSync(path.join(tmpdir(), 'etl-unreadable-'));

/**
 * A gzip of `lines` payments cut in the middle (truncated), or with bytes overwritten
 * (corrupt). 20 000 lines are 2.6 MB: the loader's sample (the first MiB) reads fine, so
 * the file joins a batch or takes the one pass, and ClickHouse meets the damage.
 */
function brokenGz(prefix: string, kind: 'truncated' | 'corrupt', lines = 20_000): Buffer {
  const ids = Array.from({ length: lines }, (_, i) => pay(`${prefix}${i}`));
  const gz = gzipSync(`${ids.join('\n')}\n`);
  if (kind === 'truncated') return gz.subarray(0, Math.floor(gz.length / 2));
  const bad = Buffer.from(gz);
  bad.fill(0x78, Math.floor(bad.length / 2), Math.floor(bad.length / 2) + 64);
  return bad;
}

/** A folder: a good file, a broken .gz, a broken .csv.gz, a good file after them. */
function folder(name: string, kind: 'truncated' | 'corrupt'): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.ndjson'), `${pay(`${name}-a`)}\n`);
  writeFileSync(path.join(dir, 'b.ndjson.gz'), brokenGz(`${name}-b`, kind));
  const csv = `event_id,type,occurred_at,payment_id,account_id,amount\n${Array.from({ length: 3000 }, (_, i) => `${name}-c${i},payment,2024-03-01T10:00:00Z,${name}-c${i},A,5`).join('\n')}\n`;
  const gz = gzipSync(csv);
  writeFileSync(path.join(dir, 'c.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(path.join(dir, 'd.ndjson'), `${pay(`${name}-d`)}\n`);
  return dir;
}

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(async () => {
  await db?.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function ledger(dir: string) {
  return queryRows<{ file: string; status: string; detail: string }>(
    db,
    `SELECT any(path) AS file, argMax(status, updated_at) AS status, argMax(detail, updated_at) AS detail
     FROM load_ledger WHERE startsWith(path, {dir:String}) GROUP BY load_id ORDER BY file`,
    { dir },
  );
}

async function quarantined(dir: string) {
  return queryRows<{ source_file: string; line: string; reason: string; raw: string }>(
    db,
    `SELECT source_file, toString(line) AS line, reason, raw FROM quarantine
     WHERE startsWith(source_file, {dir:String}) ORDER BY source_file`,
    { dir },
  );
}

describe('an unreadable file in loadPaths', () => {
  const paths: [string, LoadOptions][] = [
    ['batch', {}],
    // each file its own pass (with 'auto', large files of a folder take one pass together)
    ['one-pass', { onePass: 'always' }],
    ['careful', { onePass: 'never' }],
  ];
  it.each(paths)(
    '%s: quarantined, the others loaded and refreshed, never read again',
    async (name, options) => {
      const dir = folder(name, name === 'careful' ? 'corrupt' : 'truncated');
      const first = await loadPaths(db, [dir], options);
      expect(first).toMatchObject({
        files: 4,
        loaded: 2,
        quarantined: 2,
        quarantineReasons: { unreadable_file: 2 },
      });
      expect(first.unreadable).toEqual([path.join(dir, 'b.ndjson.gz'), path.join(dir, 'c.csv.gz')]);
      // The good files are `done`: the derived refresh ran after them.
      const rows = await ledger(dir);
      expect(rows.map((r) => [path.basename(r.file), r.status])).toEqual([
        ['a.ndjson', 'done'],
        ['b.ndjson.gz', 'failed'],
        ['c.csv.gz', 'failed'],
        ['d.ndjson', 'done'],
      ]);
      expect(rows[1]?.detail).toMatch(/^unreadable_file: /);
      expect(
        (await quarantined(dir)).map((q) => [path.basename(q.source_file), q.line, q.reason]),
      ).toEqual([
        ['b.ndjson.gz', '0', 'unreadable_file'],
        ['c.csv.gz', '0', 'unreadable_file'],
      ]);
      // Nothing of the broken files was stored (a one pass may have read part of it).
      const [stored] = await queryRows<{ n: string }>(
        db,
        `SELECT count() AS n FROM payment WHERE startsWith(event_id, {p:String})`,
        { p: `${name}-` },
      );
      expect(Number(stored?.n)).toBe(2);

      const parts: string[] = [];
      const again = await loadPaths(db, [dir], { ...options, onTiming: (p) => parts.push(p) });
      expect(again).toMatchObject({ files: 4, rows: 0, filesAlreadyLoaded: 2, unreadable: [] });
      expect(again.unreadableBefore).toEqual(first.unreadable);
      expect(parts).not.toContain('stage');
      expect(await quarantined(dir)).toHaveLength(2);
      expect(await ledger(dir)).toHaveLength(4);
    },
  );
});

describe('etl load with an unreadable file', () => {
  it('loads the others, exits 2 saying what to do, and a rerun does not read the file again', () => {
    const dir = folder('cli', 'truncated');
    const chdb = path.join(work, 'db-cli');
    const out = etl(['load', dir, '--json'], chdb);
    expect(out.status).toBe(2);
    expect(JSON.parse(out.stdout) as LoadSummary).toMatchObject({
      loaded: 2,
      quarantineReasons: { unreadable_file: 2 },
    });
    expect(out.stderr).toMatch(
      /^UNREADABLE_FILE: 2 file\(s\) could not be read .*b\.ndjson\.gz, .*c\.csv\.gz.*replace each such file with a good copy/im,
    );
    expect(out.stderr).not.toMatch(/run the same command again/i);
    expect(out.stderr).not.toMatch(/\n\s+at /);

    const rerun = etl(['load', dir, '--json'], chdb);
    expect(rerun.status).toBe(2);
    expect(JSON.parse(rerun.stdout) as LoadSummary).toMatchObject({
      rows: 0,
      filesAlreadyLoaded: 2,
      unreadableBefore: [path.join(dir, 'b.ndjson.gz'), path.join(dir, 'c.csv.gz')],
    });
    expect(rerun.stderr).toMatch(
      /^UNREADABLE_FILE: 2 file\(s\) skipped: the same bytes were found unreadable before/m,
    );
  });
});

describe('the inbox job with an unreadable file', () => {
  it('loads the other files, reports the broken one once and does not retry it', async () => {
    const inbox = path.join(work, 'inbox');
    mkdirSync(inbox);
    writeFileSync(path.join(inbox, 'a.ndjson.gz'), brokenGz('inbox-a', 'truncated'));
    writeFileSync(path.join(inbox, 'b.ndjson'), `${pay('inbox-b')}\n`);
    const errors: string[] = [];
    let polls = 0;
    const job = watchInbox(db, inbox, {
      intervalMs: 50,
      onLoad: () => void polls++,
      onError: (err) => errors.push(errorLine(err)),
    });
    const deadline = Date.now() + 60_000;
    const loadedB = async () => {
      const [row] = await queryRows<{ n: string }>(
        db,
        "SELECT count() AS n FROM payment WHERE event_id = 'inbox-b'",
      );
      return Number(row?.n) === 1;
    };
    while (!(await loadedB()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    // Twenty more polls: the job would have retried the broken file on each.
    await new Promise((r) => setTimeout(r, 1000));
    await job.stop();
    expect(await loadedB()).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^UNREADABLE_FILE: 1 file\(s\) could not be read .*a\.ndjson\.gz/);
    expect(await ledger(inbox)).toHaveLength(2);
    expect(polls).toBe(1);
  });
});

describe('error classification', () => {
  it('says "run the same command again" only where a rerun can help', () => {
    const clickhouse = (type: string, message: string) =>
      Object.assign(new Error(message), { code: '0', type });
    const node = (code: string, message: string) => Object.assign(new Error(message), { code });
    const corrupt = clickhouse('ZLIB_INFLATE_FAILED', 'inflate failed: buffer error');
    const denied = node('EACCES', "EACCES: permission denied, open 'x.ndjson'");
    const full = node('ENOSPC', 'ENOSPC: no space left on device');
    const bug = new Error('Array of size 1746086 is too large\nsecond line');
    expect(
      [corrupt, node('Z_BUF_ERROR', 'unexpected end of file'), denied, full, bug].map(
        classifyError,
      ),
    ).toEqual(['unreadable_file', 'unreadable_file', 'PATH_UNREADABLE', 'RESOURCES', 'INTERNAL']);
    expect([corrupt, denied, full, bug].map(rerunHelps)).toEqual([false, false, true, true]);
    expect(errorLine(denied)).toBe(
      "PATH_UNREADABLE: EACCES: permission denied, open 'x.ndjson'. Give the loader read access to the file (or remove it), then load again.",
    );
    expect(errorLine(corrupt)).not.toMatch(/run the same command again/i);
    expect(errorLine(bug)).toBe(
      'INTERNAL: unexpected error: Array of size 1746086 is too large. Run the same command again to finish the load; if this repeats, report this message.',
    );
  });
});

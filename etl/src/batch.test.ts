/**
 * Small NDJSON files in one pass together (load/batch.ts, load/fused.ts): a run of small
 * files is read through one glob, each file keeping its own load_id, ledger row, line
 * numbers and quarantine rows; a batch with a duplicate falls back to the files one by
 * one (same result as the careful path); a file the glob cannot name, a CSV or a file
 * of a stored event ends the run, so that sorted path order still decides which
 * occurrence of an id is first. Every count below is worked out by hand from the lines.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths, type LoadOptions, type LoadSummary } from './load/index.ts';

const KEY = 'batch-test-key-0123456789';
let db: TempDb;
let dir: string;

const at = '2024-03-01T10:00:00Z';
const payment = (id: string, amount: number | string = 10) =>
  JSON.stringify({
    event_id: id,
    type: 'payment',
    occurred_at: at,
    payment_id: `pay-${id}`,
    account_id: 'A-1',
    amount,
  });
const snapshot = (id: string, dpd: number) =>
  JSON.stringify({
    event_id: id,
    type: 'account_snapshot',
    occurred_at: at,
    account_id: 'A-1',
    as_of: '2024-03-01',
    dpd,
    balance: 100,
    amount_due: 10,
    status: 'open',
  });
const opened = (id: string) =>
  JSON.stringify({
    event_id: id,
    type: 'account_opened',
    occurred_at: at,
    account_id: `A-${id}`,
    customer_id: 'CUST-RAW-77',
    product: 'credit_card',
    portfolio: 'retail',
    region: 'north',
    opened_on: '2023-05-01',
    principal: '5000.00',
    phone: '+8613800000077',
  });

function write(folder: string, name: string, lines: string[]): string {
  const p = path.join(dir, folder, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

/** A load that records how many passes ran and which files each step named, in order. */
async function load(
  paths: string[],
  options: LoadOptions = {},
): Promise<{ summary: LoadSummary; passes: number; steps: string[]; progress: string[] }> {
  let passes = 0;
  const steps: string[] = [];
  const progress: string[] = [];
  const summary = await loadPaths(db, paths, {
    piiKey: KEY,
    ...options,
    onTiming: (part) => {
      if (part === 'one pass') passes++;
    },
    onStep: (step, file) => steps.push(`${step}:${path.basename(file)}`),
    onProgress: (p) =>
      progress.push(`${p.fileIndex + 1}/${p.files} ${p.fileRowsDone}/${p.fileRows}`),
  });
  return { summary, passes, steps, progress };
}

async function ledger(folder: string) {
  return queryRows<{ file: string; status: string; rows: string; loaded: string; q: string }>(
    db,
    `SELECT replaceOne(path, {dir:String}, '') AS file, argMax(status, updated_at) AS status,
       toString(argMax(rows, updated_at)) AS rows, toString(argMax(loaded, updated_at)) AS loaded,
       toString(argMax(quarantined, updated_at)) AS q
     FROM load_ledger WHERE startsWith(path, {dir:String}) GROUP BY load_id, path ORDER BY file`,
    { dir: path.join(dir, folder) + '/' },
  );
}

beforeAll(async () => {
  db = await openTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'etl-batch-test-'));
});

afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a run of small NDJSON files in one pass', () => {
  it('loads three files in one pass, each with its own load id, ledger row, lines and quarantine', async () => {
    write('one', 'a/1-payments.ndjson', [payment('b1-p1'), payment('b1-p2', -5), payment('b1-p3')]);
    write('one', 'a/2-snapshots.ndjson', [snapshot('b1-s1', 0), '', snapshot('b1-s2', 31)]);
    write('one', 'b/3-opened.ndjson', [opened('b1-o1'), '{oops']);
    const { summary, passes, steps, progress } = await load([path.join(dir, 'one')]);
    // the bar starts at the first file; each file reports its rows when the pass ends
    expect(progress).toEqual(['1/3 0/0', '1/3 3/3', '2/3 2/2', '3/3 2/2']);
    // 1-payments: 2 loaded, line 2 (amount -5) invalid; 2-snapshots: 2 loaded (line 2 is
    // blank, the snapshots are lines 1 and 3); 3-opened: 1 loaded, line 2 not JSON.
    expect(summary).toMatchObject({
      files: 3,
      rows: 7,
      loaded: 5,
      duplicates: 0,
      quarantined: 2,
      quarantineReasons: { invalid_value: 1, invalid_json: 1 },
    });
    expect(passes).toBe(1);
    // the ledger says `loading` for all three before anything is stored
    expect(steps.slice(0, 3)).toEqual([
      'ledger-loading:1-payments.ndjson',
      'ledger-loading:2-snapshots.ndjson',
      'ledger-loading:3-opened.ndjson',
    ]);
    expect(await ledger('one')).toEqual([
      { file: 'a/1-payments.ndjson', status: 'done', rows: '3', loaded: '2', q: '1' },
      { file: 'a/2-snapshots.ndjson', status: 'done', rows: '2', loaded: '2', q: '0' },
      { file: 'b/3-opened.ndjson', status: 'done', rows: '2', loaded: '1', q: '1' },
    ]);
    expect(new Set(summary.loadIds).size).toBe(3);
    // Each row carries its own file's load id and line.
    const index = await queryRows<{ id: string; file: string; line: string; same: number }>(
      db,
      `SELECT i.event_id AS id, replaceOne(i.source_file, {dir:String}, '') AS file,
         toString(i.source_line) AS line,
         i.load_id = (SELECT argMax(load_id, updated_at) FROM load_ledger WHERE path = i.source_file) AS same
       FROM event_index AS i WHERE startsWith(i.event_id, 'b1-') ORDER BY id`,
      { dir: path.join(dir, 'one') + '/' },
    );
    expect(index).toEqual([
      { id: 'b1-o1', file: 'b/3-opened.ndjson', line: '1', same: 1 },
      { id: 'b1-p1', file: 'a/1-payments.ndjson', line: '1', same: 1 },
      { id: 'b1-p3', file: 'a/1-payments.ndjson', line: '3', same: 1 },
      { id: 'b1-s1', file: 'a/2-snapshots.ndjson', line: '1', same: 1 },
      { id: 'b1-s2', file: 'a/2-snapshots.ndjson', line: '3', same: 1 },
    ]);
    const [pay] = await queryRows<{ n: string; ids: string }>(
      db,
      `SELECT toString(count()) AS n, toString(uniqExact(load_id)) AS ids FROM payment WHERE startsWith(event_id, 'b1-')`,
    );
    expect(pay).toEqual({ n: '2', ids: '1' });
    const quarantine = await queryRows<{ file: string; line: string; reason: string; raw: string }>(
      db,
      `SELECT replaceOne(source_file, {dir:String}, '') AS file, toString(line) AS line,
         reason, raw FROM quarantine WHERE startsWith(source_file, {dir:String}) ORDER BY file`,
      { dir: path.join(dir, 'one') + '/' },
    );
    expect(quarantine).toEqual([
      {
        file: 'a/1-payments.ndjson',
        line: '2',
        reason: 'invalid_value',
        raw: payment('b1-p2', -5),
      },
      { file: 'b/3-opened.ndjson', line: '2', reason: 'invalid_json', raw: '{oops' },
    ]);
    // PII hashed in the batch too: the row is there, no column holds a raw value
    const [customer] = await queryRows<{ n: string; raw: string }>(
      db,
      `SELECT toString(count()) AS n,
         toString(countIf(position(toString(tuple(*)), 'CUST-RAW-77') > 0 OR position(toString(tuple(*)), '8613800000077') > 0)) AS raw
       FROM account_opened WHERE event_id = 'b1-o1'`,
    );
    expect(customer).toEqual({ n: '1', raw: '0' });
  });

  it('large files join the run: small and large files of a folder take one pass', async () => {
    // smallStageBytes 300: a file of more than 300 bytes counts as large (staged on disk)
    write('large', '1-small.ndjson', [payment('bl-p1')]);
    write('large', '2-large.ndjson', [snapshot('bl-s1', 0), snapshot('bl-s2', 31)]);
    write('large', '3-large.ndjson', [payment('bl-p2'), payment('bl-p3', -5), payment('bl-p4')]);
    write('large', '4-small.ndjson', [opened('bl-o1')]);
    const { summary, passes } = await load([path.join(dir, 'large')], { smallStageBytes: 300 });
    // one pass for the four files (before: 1-small and 4-small each alone on the careful
    // path, 2-large and 3-large each their own pass: 2 passes)
    expect(passes).toBe(1);
    // 1: 1 loaded; 2: 2 loaded; 3: 2 loaded, line 2 (amount -5) invalid; 4: 1 loaded
    expect(summary).toMatchObject({ files: 4, rows: 7, loaded: 6, quarantined: 1 });
    expect(new Set(summary.loadIds).size).toBe(4);
    expect(await ledger('large')).toEqual([
      { file: '1-small.ndjson', status: 'done', rows: '1', loaded: '1', q: '0' },
      { file: '2-large.ndjson', status: 'done', rows: '2', loaded: '2', q: '0' },
      { file: '3-large.ndjson', status: 'done', rows: '3', loaded: '2', q: '1' },
      { file: '4-small.ndjson', status: 'done', rows: '1', loaded: '1', q: '0' },
    ]);
  });

  it('loading the folder again is a no-op; a new file beside the loaded ones loads alone', async () => {
    const again = await load([path.join(dir, 'one')]);
    expect(again.summary).toMatchObject({ filesAlreadyLoaded: 3, rows: 0, loaded: 0 });
    expect(again.passes).toBe(0);
    write('one', 'b/4-more.ndjson', [payment('b1-p4')]);
    const more = await load([path.join(dir, 'one')]);
    expect(more.summary).toMatchObject({ filesAlreadyLoaded: 3, loaded: 1 });
  });

  it('a file re-delivering a stored event ends the run: the files before it still take one pass', async () => {
    write('cut', '1.ndjson', [payment('b5-1')]);
    write('cut', '2.ndjson', [payment('b5-2')]);
    // b1-p1 is stored (first test) with these contents: a duplicate
    write('cut', '3.ndjson', [payment('b1-p1'), payment('b5-3')]);
    write('cut', '4.ndjson', [payment('b5-4')]);
    const { summary, passes, steps } = await load([path.join(dir, 'cut')]);
    // 1 + 2 in one pass; 3 on the careful path (its sampled id is stored); 4 alone
    expect(passes).toBe(1);
    expect(steps.slice(0, 2)).toEqual(['ledger-loading:1.ndjson', 'ledger-loading:2.ndjson']);
    expect(summary).toMatchObject({ rows: 5, loaded: 4, duplicates: 1, quarantined: 0 });
  });

  it('in a run, a copy of a loaded file or of an earlier file is skipped; an empty file loads alone', async () => {
    write('twin', '1.ndjson', [payment('b6-1')]);
    write('twin', '2.ndjson', [payment('b6-1')]); // the bytes of 1.ndjson
    write('twin', '3.ndjson', [payment('b6-3')]);
    // the bytes of a file loaded by the first test
    write('twin', '4.ndjson', [payment('b1-p1'), payment('b1-p2', -5), payment('b1-p3')]);
    writeFileSync(path.join(dir, 'twin', '5.ndjson'), '');
    write('twin', '6.ndjson', [payment('b6-6')]);
    write('twin', '7.ndjson', [payment('b6-7')]);
    const { summary, passes } = await load([path.join(dir, 'twin')]);
    // passes: 1 + 3 (2 and 4 skipped inside the run), then 6 + 7 (5 alone)
    expect(passes).toBe(2);
    expect(summary).toMatchObject({ files: 7, filesAlreadyLoaded: 2, rows: 4, loaded: 4 });
    expect((await ledger('twin')).map((r) => [r.file, r.status, r.rows])).toEqual([
      ['1.ndjson', 'done', '1'],
      ['3.ndjson', 'done', '1'],
      ['5.ndjson', 'done', '0'],
      ['6.ndjson', 'done', '1'],
      ['7.ndjson', 'done', '1'],
    ]);
    // each ledger row of a batch carries its file's SHA-256, computed beside the pass
    const [hashes] = await queryRows<{ n: string }>(
      db,
      `SELECT toString(countIf(length(content_hash) = 64)) AS n FROM load_ledger
       WHERE startsWith(path, {dir:String}) AND status = 'loaded'`,
      { dir: path.join(dir, 'twin') + '/' },
    );
    expect(hashes?.n).toBe('5');
  });

  it('two copies of a file of invalid lines in a run: quarantined once (the SHA-256 beside the pass)', async () => {
    // No valid id for the proof to find: only the files' hashes tell the copies apart.
    write('inv', '1.ndjson', [payment('b7-bad', -5)]);
    write('inv', '2.ndjson', [payment('b7-bad', -5)]);
    write('inv', '3.ndjson', [payment('b7-ok')]);
    const { summary, passes } = await load([path.join(dir, 'inv')]);
    expect(passes).toBe(1); // dropped before anything was attached
    expect(summary).toMatchObject({
      filesAlreadyLoaded: 1,
      rows: 2,
      loaded: 1,
      quarantined: 1,
      quarantineReasons: { invalid_value: 1 },
    });
    expect((await ledger('inv')).map((r) => [r.file, r.status])).toEqual([
      ['1.ndjson', 'done'],
      ['3.ndjson', 'done'],
    ]);
  });

  it('a duplicate inside the batch: the files load one by one, first occurrence wins', async () => {
    write('dup', '1.ndjson', [payment('b2-p1'), payment('b2-p2')]);
    // an identical re-delivery of b2-p1 (a duplicate) and a changed b2-p2 (a conflict)
    write('dup', '2.ndjson', [payment('b2-p3'), payment('b2-p1'), payment('b2-p2', 99)]);
    write('dup', '3.ndjson', [payment('b2-p4')]);
    const { summary, passes } = await load([path.join(dir, 'dup')]);
    expect(passes).toBe(1); // the batch's pass, dropped
    expect(summary).toMatchObject({
      rows: 6,
      loaded: 4,
      duplicates: 1,
      quarantined: 1,
      quarantineReasons: { conflicting_duplicate: 1 },
    });
    const [conflict] = await queryRows<{ file: string; line: string }>(
      db,
      `SELECT path.basename AS file, toString(line) AS line FROM (SELECT splitByChar('/', source_file)[-1] AS \`path.basename\`, line FROM quarantine WHERE event_id = 'b2-p2')`,
    );
    expect(conflict).toEqual({ file: '2.ndjson', line: '3' });
    const [amount] = await queryRows<{ a: string }>(
      db,
      `SELECT toString(amount) AS a FROM payment WHERE event_id = 'b2-p2'`,
    );
    expect(amount?.a).toBe('10');
    // every file one ledger load: its batch load id, `done`, nothing left `loading`
    expect((await ledger('dup')).map((r) => [r.file, r.status, r.loaded])).toEqual([
      ['1.ndjson', 'done', '2'],
      ['2.ndjson', 'done', '1'],
      ['3.ndjson', 'done', '1'],
    ]);
  });

  it('a CSV file, a glob character in a name or a stored event ends the run; order decides', async () => {
    // 1 and 2 batch; 3.csv alone; "4 {x}.ndjson" alone (a glob would read its name as a
    // pattern); 5 and 6 batch. b3-x is in 2.ndjson and changed in 3.csv: 2.ndjson is
    // first in path order, so 3.csv's conflicts. b3-y is in 3.csv and changed in 5:
    // 3.csv wins.
    write('order', '1.ndjson', [payment('b3-a')]);
    write('order', '2.ndjson', [payment('b3-x', 1)]);
    writeFileSync(
      path.join(dir, 'order', '3.csv'),
      'event_id,type,occurred_at,payment_id,account_id,amount\n' +
        `b3-x,payment,${at},pay-b3-x,A-1,2\nb3-y,payment,${at},pay-b3-y,A-1,3\n`,
    );
    write('order', '4 {x}.ndjson', [payment('b3-b')]);
    write('order', '5.ndjson', [payment('b3-y', 4), payment('b3-c')]);
    write('order', '6.ndjson', [payment('b3-d')]);
    const { summary, passes } = await load([path.join(dir, 'order')]);
    // One pass: 1 + 2. 5.ndjson's sampled b3-y is stored (3.csv): it ends its run
    // before it starts, and 6.ndjson alone is no batch (both take the careful path).
    expect(passes).toBe(1);
    expect(summary).toMatchObject({
      files: 6,
      rows: 8,
      loaded: 6,
      duplicates: 0,
      quarantined: 2,
      quarantineReasons: { conflicting_duplicate: 2 },
    });
    const amounts = await queryRows<{ id: string; a: string }>(
      db,
      `SELECT event_id AS id, toString(amount) AS a FROM payment WHERE startsWith(event_id, 'b3-') ORDER BY id`,
    );
    expect(amounts).toEqual([
      { id: 'b3-a', a: '10' },
      { id: 'b3-b', a: '10' },
      { id: 'b3-c', a: '10' },
      { id: 'b3-d', a: '10' },
      { id: 'b3-x', a: '1' },
      { id: 'b3-y', a: '3' },
    ]);
    expect((await ledger('order')).map((r) => r.status)).toEqual(Array(6).fill('done'));
  });

  it('the batch stores what the careful path stores, row for row', async () => {
    // The same three files twice, only the event ids prefixed per path: the dumps
    // without the prefix and the folder must be equal, content hashes included.
    const id = (line: string, p: string) => {
      const event = JSON.parse(line) as { event_id: string };
      return JSON.stringify({ ...event, event_id: `${p}-${event.event_id}` });
    };
    const files = (p: string) => ({
      '1.ndjson': [payment('1'), payment('2', '1.234'), snapshot('3', 45)].map((l) => id(l, p)),
      '2.ndjson': [id(opened('4'), p), '', 'not json', id(payment('5', 7.5), p)],
      '3.ndjson': [JSON.stringify({ event_id: `${p}-6`, type: 'no_such_type', occurred_at: at })],
    });
    for (const p of ['b4', 'c4'])
      for (const [name, lines] of Object.entries(files(p))) write(p, name, lines);
    expect((await load([path.join(dir, 'b4')])).passes).toBe(1);
    expect((await load([path.join(dir, 'c4')], { onePass: 'never' })).passes).toBe(0);
    const dump = async (p: string) =>
      queryRows<{ row: string }>(
        db,
        `SELECT arrayStringConcat([replaceOne(i.event_id, {p:String}, ''), i.type, toString(i.content_hash),
           splitByChar('/', i.source_file)[-1], toString(i.source_line)], ' ') AS row
         FROM event_index AS i WHERE startsWith(i.event_id, {p:String})
         UNION ALL
         SELECT arrayStringConcat([splitByChar('/', source_file)[-1], toString(line), reason, field,
           replaceOne(raw, {p:String}, '')], ' ') FROM quarantine WHERE startsWith(source_file, {d:String})
         UNION ALL
         SELECT arrayStringConcat([replaceOne(event_id, {p:String}, ''), toString(amount)], ' ') AS row FROM payment
         WHERE startsWith(event_id, {p:String})`,
        { p, d: path.join(dir, p) + '/' },
      ).then((rows) => rows.map((r) => r.row).sort());
    const batched = await dump('b4');
    expect(batched.length).toBe(4 + 3 + 2); // 4 stored events, 3 quarantined lines, 2 payments
    expect(batched).toEqual(await dump('c4'));
  });

  it('gzipped and plain files in one batch: each read by its own compression', async () => {
    write('gz', '1.ndjson', [payment('b8-1')]);
    const gz = (name: string, lines: string[]) =>
      writeFileSync(path.join(dir, 'gz', name), gzipSync(lines.join('\n') + '\n'));
    gz('2.ndjson.gz', [payment('b8-2'), payment('b8-bad', 'x')]);
    gz('3.ndjson.gz', [snapshot('b8-3', 1)]);
    const { summary, passes } = await load([path.join(dir, 'gz')]);
    expect(passes).toBe(1);
    expect(summary).toMatchObject({ rows: 4, loaded: 3, quarantined: 1 });
    const [bad] = await queryRows<{ file: string; line: string; raw: string }>(
      db,
      `SELECT splitByChar('/', source_file)[-1] AS file, toString(line) AS line, raw FROM quarantine WHERE event_id = 'b8-bad'`,
    );
    // the raw line is read again from the .gz file
    expect(bad).toEqual({ file: '2.ndjson.gz', line: '2', raw: payment('b8-bad', 'x') });
  });

  it('a file whose name is a glob pattern is read as named, on every path', async () => {
    // ClickHouse's file() reads `a?.ndjson` as a pattern matching `ab.ndjson` too, and
    // `{x}` as a pattern matching nothing: such files are read through a link.
    for (const [folder, onePass] of [
      ['g1', 'never'],
      ['g2', 'always'],
      ['g3', 'auto'],
    ] as const) {
      write(folder, 'a?.ndjson', [payment(`${folder}-q`)]);
      write(folder, 'ab.ndjson', [payment(`${folder}-ab`)]);
      write(folder, 'c {x}.ndjson', [payment(`${folder}-x1`), payment(`${folder}-x2`)]);
      const { summary } = await load([path.join(dir, folder)], { onePass });
      expect(summary).toMatchObject({ rows: 4, loaded: 4, duplicates: 0, quarantined: 0 });
      expect(
        (await ledger(folder)).map((r) => [r.file, r.rows]),
        `onePass ${onePass}`,
      ).toEqual([
        ['a?.ndjson', '1'],
        ['ab.ndjson', '1'],
        ['c {x}.ndjson', '2'],
      ]);
    }
  });
});

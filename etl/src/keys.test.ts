/**
 * The duplicate check's shortcuts, on both paths of a load: the one pass (fused.ts:
 * distinct ids, then the range probe and exact check of fused.sql.ts, else the careful
 * path, the pass's scratch tables dropped) and the careful path alone (insert.sql.ts chunkKeysSql /
 * indexProbeSql / indexHitSql): a range of distinct ids skips the verdict when
 * event_index has no id between its smallest and largest, or when the semi-join finds
 * none of them; anything else takes the full verdict. Each case is worked out by hand
 * from the ids below (event_index sorts ids as byte strings: 'k-b' < 'k-c' < 'k-d';
 * each path has its own id prefix, so their ranges never overlap).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths } from './load/index.ts';

let db: TempDb;
let dir: string;

const payment = (id: string, amount = 10) =>
  JSON.stringify({
    event_id: id,
    type: 'payment',
    occurred_at: '2024-03-01T10:00:00Z',
    payment_id: `pay-${id}`,
    account_id: 'A-1',
    amount,
  });

function file(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

async function stored(prefix: string): Promise<string[]> {
  const rows = await queryRows<{ event_id: string }>(
    db,
    'SELECT event_id FROM payment WHERE startsWith(event_id, {prefix:String}) ORDER BY event_id',
    { prefix },
  );
  return rows.map((r) => r.event_id);
}

beforeAll(async () => {
  db = await openTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'etl-keys-test-'));
});

/** Three lines: one new, one identical to a stored event, one conflicting with one. */
const ONE_NEW_ONE_DUPLICATE_ONE_CONFLICT = {
  rows: 3,
  loaded: 1,
  duplicates: 1,
  quarantined: 1,
  quarantineReasons: { conflicting_duplicate: 1 },
};

afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  { path: 'one pass', onePass: 'always' as const, p: 'k' },
  { path: 'careful path', onePass: 'never' as const, p: 'n' },
])('duplicate check shortcuts ($path)', ({ onePass, p }) => {
  const id = (x: string) => `${p}-${x}`;

  it('a first file: no stored id in its range, everything new', async () => {
    const s = await loadPaths(db, [file(`${p}1.ndjson`, [payment(id('b')), payment(id('d'))])], {
      onePass,
    });
    expect(s).toMatchObject({ rows: 2, loaded: 2, duplicates: 0, quarantined: 0 });
    expect(await stored(p)).toEqual([id('b'), id('d')]);
  });

  it('ids around stored ones but none equal (range probe hits, semi-join finds none): all new', async () => {
    // range k-a … k-e contains k-b and k-d (stored), but k-a, k-c, k-e are not stored
    const s = await loadPaths(
      db,
      [file(`${p}2.ndjson`, [payment(id('a')), payment(id('c')), payment(id('e'))])],
      { onePass },
    );
    expect(s).toMatchObject({ rows: 3, loaded: 3, duplicates: 0, quarantined: 0 });
    expect(await stored(p)).toEqual(['a', 'b', 'c', 'd', 'e'].map(id));
  });

  it('a stored id inside the range: identical is a duplicate, different conflicts (stage on disk)', async () => {
    // k-b identical (duplicate), k-d with amount 11 (conflict with 1.ndjson:2), k-f new
    const s = await loadPaths(
      db,
      [file(`${p}3.ndjson`, [payment(id('b')), payment(id('d'), 11), payment(id('f'))])],
      { onePass, smallStageBytes: 0 },
    );
    expect(s).toMatchObject(ONE_NEW_ONE_DUPLICATE_ONE_CONFLICT);
    const [q] = await queryRows<{ line: string; detail: string }>(
      db,
      'SELECT toString(line) AS line, detail FROM quarantine WHERE event_id = {id:String}',
      { id: id('d') },
    );
    expect(q?.line).toBe('2');
    expect(q?.detail).toContain(`${p}1.ndjson:2`);
  });

  it('the same id twice in one file (ids not distinct): first wins, the second is a duplicate', async () => {
    const s = await loadPaths(db, [file(`${p}4.ndjson`, [payment(id('g')), payment(id('g'))])], {
      onePass,
    });
    expect(s).toMatchObject({ rows: 2, loaded: 1, duplicates: 1, quarantined: 0 });
  });

  it('an invalid line next to new ids: the new ones load, the bad one is quarantined (stage on disk)', async () => {
    // line 1 new, line 2 amount -1 (invalid_value), line 3 new
    const s = await loadPaths(
      db,
      [file(`${p}5.ndjson`, [payment(id('h')), payment(id('i'), -1), payment(id('j'))])],
      { onePass, smallStageBytes: 0 },
    );
    expect(s).toMatchObject({
      rows: 3,
      loaded: 2,
      duplicates: 0,
      quarantined: 1,
      quarantineReasons: { invalid_value: 1 },
    });
    expect(await stored(p)).toContain(id('j'));
    expect(await stored(p)).not.toContain(id('i'));
  });

  it('with small chunks, an id of an earlier chunk of the same file is found in event_index', async () => {
    // chunks of 2 lines: [k-k, k-l] all new; [k-k again, k-m]: k-k is stored by then (duplicate)
    const s = await loadPaths(
      db,
      [
        file(`${p}6.ndjson`, [
          payment(id('k')),
          payment(id('l')),
          payment(id('k')),
          payment(id('m')),
        ]),
      ],
      { onePass, chunkRows: 2, smallStageBytes: 0 },
    );
    expect(s).toMatchObject({ rows: 4, loaded: 3, duplicates: 1, quarantined: 0 });
  });

  it('no load deleted a row: a one pass that fell back had written only its scratch tables', async () => {
    // One pass: files 3, 4 and 6 took the careful path after the pass (duplicates); an
    // undo by DELETE would show as a mutation of payment or event_index (the careful
    // path writes only new rows). Migration 110's MATERIALIZE INDEX is a mutation too.
    const [m] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM system.mutations WHERE database = currentDatabase()
         AND table IN ('payment', 'event_index') AND command NOT LIKE '%MATERIALIZE INDEX%'`,
    );
    expect(Number(m?.n)).toBe(0);
  });
});

describe('event_index rows written before the content hash became cityHash64', () => {
  it('a re-delivery is compared with the legacy sipHash64 too: same content duplicate, other conflict', async () => {
    // A row as the sipHash64 loader wrote it: the content hash of payment h-1
    // (occurred_at 2024-03-01T10:00:00Z = 1709287200000 ms, payment_id pay-h-1, account A-1,
    // no case, amount 10 → '10', no method) was sipHash64 of these normalised values.
    await db.client.command({
      query: `INSERT INTO event_index (event_id, type, content_hash, source_file, source_line, load_id)
        SELECT concat('h-', toString(n)), 'payment',
          sipHash64('payment', toUInt64(1709287200000), concat('pay-h-', toString(n)), 'A-1', '', '10', ''),
          'old.ndjson', n, generateUUIDv4()
        FROM (SELECT arrayJoin([1, 2]) AS n)`,
    });
    // h-1 identical (duplicate), h-2 with amount 11 (conflict), h-3 new
    const s = await loadPaths(db, [
      file('h.ndjson', [payment('h-1'), payment('h-2', 11), payment('h-3')]),
    ]);
    expect(s).toMatchObject(ONE_NEW_ONE_DUPLICATE_ONE_CONFLICT);
    expect(await stored('h-')).toEqual(['h-3']);
  });
});

describe("which files take the one pass ('auto')", () => {
  /** The parts of a load that ran (LoadOptions.onTiming). */
  async function parts(files: string[], options: { smallStageBytes?: number }): Promise<string[]> {
    const seen = new Set<string>();
    await loadPaths(db, files, { ...options, onTiming: (part) => seen.add(part) });
    return [...seen];
  }

  it('a large file of new events: the one pass; a small one: the careful path', async () => {
    // smallStageBytes 0 makes every file "large" (staged on disk), the default 16 MiB none of these
    expect(
      await parts([file('auto-1.ndjson', [payment('a-1')])], { smallStageBytes: 0 }),
    ).toContain('one pass');
    const small = await parts([file('auto-2.ndjson', [payment('a-2')])], {});
    expect(small).toContain('stage');
    expect(small).not.toContain('one pass');
  });

  it('a large file whose sampled ids are stored (a re-delivery): the careful path at once, no pass to drop', async () => {
    // a-1 is stored (above); a-3 is new: a duplicate and a new event
    const seen = await parts([file('auto-3.ndjson', [payment('a-1'), payment('a-3')])], {
      smallStageBytes: 0,
    });
    expect(seen).toContain('stage');
    expect(seen).not.toContain('one pass');
    expect(await stored('a-')).toEqual(['a-1', 'a-2', 'a-3']);
  });
});

/**
 * The duplicate check's shortcuts (insert.sql.ts chunkKeysSql / indexProbeSql /
 * indexHitSql): a range of distinct ids skips the verdict when event_index has no id
 * between its smallest and largest, or when the semi-join finds none of them; anything
 * else takes the full verdict. Each case is worked out by hand from the ids below
 * (event_index sorts ids as byte strings: 'k-b' < 'k-c' < 'k-d' < 'k-e').
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@collections/schema';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths } from './load.ts';

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

async function stored(): Promise<string[]> {
  const rows = await queryRows<{ event_id: string }>(
    db,
    'SELECT event_id FROM payment ORDER BY event_id',
  );
  return rows.map((r) => r.event_id);
}

beforeAll(async () => {
  db = await openTempDb();
  dir = mkdtempSync(path.join(tmpdir(), 'etl-keys-test-'));
});

afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('duplicate check shortcuts', () => {
  it('a first file: no stored id in its range, everything new', async () => {
    const s = await loadPaths(db, [file('1.ndjson', [payment('k-b'), payment('k-d')])]);
    expect(s).toMatchObject({ rows: 2, loaded: 2, duplicates: 0, quarantined: 0 });
    expect(await stored()).toEqual(['k-b', 'k-d']);
  });

  it('ids around stored ones but none equal (range probe hits, semi-join finds none): all new', async () => {
    // range k-a … k-e contains k-b and k-d (stored), but k-a, k-c, k-e are not stored
    const s = await loadPaths(db, [
      file('2.ndjson', [payment('k-a'), payment('k-c'), payment('k-e')]),
    ]);
    expect(s).toMatchObject({ rows: 3, loaded: 3, duplicates: 0, quarantined: 0 });
    expect(await stored()).toEqual(['k-a', 'k-b', 'k-c', 'k-d', 'k-e']);
  });

  it('a stored id inside the range: identical is a duplicate, different conflicts (stage on disk)', async () => {
    // k-b identical (duplicate), k-d with amount 11 (conflict with 1.ndjson:2), k-f new
    const s = await loadPaths(
      db,
      [file('3.ndjson', [payment('k-b'), payment('k-d', 11), payment('k-f')])],
      { smallStageBytes: 0 },
    );
    expect(s).toMatchObject({
      rows: 3,
      loaded: 1,
      duplicates: 1,
      quarantined: 1,
      quarantineReasons: { conflicting_duplicate: 1 },
    });
    const [q] = await queryRows<{ line: string; detail: string }>(
      db,
      "SELECT toString(line) AS line, detail FROM quarantine WHERE event_id = 'k-d'",
    );
    expect(q?.line).toBe('2');
    expect(q?.detail).toContain('1.ndjson:2');
  });

  it('the same id twice in one file (ids not distinct): first wins, the second is a duplicate', async () => {
    const s = await loadPaths(db, [file('4.ndjson', [payment('k-g'), payment('k-g')])]);
    expect(s).toMatchObject({ rows: 2, loaded: 1, duplicates: 1, quarantined: 0 });
  });

  it('an invalid line next to new ids: the new ones load, the bad one is quarantined (stage on disk)', async () => {
    // line 1 new, line 2 amount -1 (invalid_value), line 3 new
    const s = await loadPaths(
      db,
      [file('5.ndjson', [payment('k-h'), payment('k-i', -1), payment('k-j')])],
      { smallStageBytes: 0 },
    );
    expect(s).toMatchObject({
      rows: 3,
      loaded: 2,
      duplicates: 0,
      quarantined: 1,
      quarantineReasons: { invalid_value: 1 },
    });
    expect(await stored()).toContain('k-j');
    expect(await stored()).not.toContain('k-i');
  });

  it('with small chunks, an id of an earlier chunk of the same file is found in event_index', async () => {
    // chunks of 2 lines: [k-k, k-l] all new; [k-k again, k-m]: k-k is stored by then (duplicate)
    const s = await loadPaths(
      db,
      [file('6.ndjson', [payment('k-k'), payment('k-l'), payment('k-k'), payment('k-m')])],
      { chunkRows: 2, smallStageBytes: 0 },
    );
    expect(s).toMatchObject({ rows: 4, loaded: 3, duplicates: 1, quarantined: 0 });
  });
});

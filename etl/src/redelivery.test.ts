/**
 * A re-delivery of a folder already loaded costs its fingerprint and nothing more
 * (docs/etl.md, "Exactly once"): the second load sends ClickHouse only the lease and the
 * ledger reads every load starts with, whatever the number of files, and writes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTempDb, type TempDb } from '@collections/schema/testing';
import { loadPaths } from './load/index.ts';
import { statements } from './testing/statements.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'etl-redelivery-'));
let db: TempDb;

beforeAll(async () => {
  db = await openTempDb();
});
afterAll(async () => {
  await db?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('loading the same folder again sends only the ledger reads: no sample lookup, insert or refresh', async () => {
  // 6 small files of one payment each: a batch of small files on the first load.
  for (let i = 1; i <= 6; i++)
    writeFileSync(
      path.join(dir, `f${i}.ndjson`),
      `${JSON.stringify({
        event_id: `p${i}`,
        type: 'payment',
        occurred_at: '2024-03-01T10:00:00Z',
        payment_id: `p${i}`,
        account_id: 'A',
        amount: 10 + i,
      })}\n`,
    );
  const first = await loadPaths(db, [dir]);
  expect(first).toMatchObject({ files: 6, loaded: 6, filesAlreadyLoaded: 0 });

  const parts: string[] = [];
  const sent = await statements(db, () =>
    loadPaths(db, [dir], { onTiming: (part) => parts.push(part) }).then((again) =>
      expect(again).toMatchObject({ files: 6, rows: 0, loaded: 0, filesAlreadyLoaded: 6 }),
    ),
  );
  // The lease's CREATE and DROP (lease.ts), then recovery's scan, pending refreshes and
  // the finished loads: all of the ledger or system.tables. Before, each file was sampled
  // again and its ids looked up in event_index (one query per file), with every later
  // file sampled once more.
  const lease = sent.filter((sql) => /^(CREATE|DROP) TABLE (IF EXISTS )?etl_lease\b/.test(sql));
  expect(lease).toHaveLength(2);
  const rest = sent.filter((sql) => !lease.includes(sql));
  expect(rest.filter((sql) => /event_index|INSERT|ALTER|DELETE|CREATE/i.test(sql))).toEqual([]);
  expect(rest.length).toBeLessThanOrEqual(4);
  expect(parts).not.toContain('batch: sample');
  expect(parts).not.toContain('refresh derived');
});

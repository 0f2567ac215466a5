/**
 * End to end: the generator plants contact-rule breaches (night calls, 8 calls
 * in a local day, 2 calls a day for 6 days) and lists every breaching attempt in
 * MANIFEST.json (compliance.breachEventIds, computed by its own independent
 * check). After loading the files, complianceReport over the whole data range
 * must list exactly those attempts: all of them, and nothing else.
 *
 * The generated files are concatenated (in sorted path order) into one mixed
 * NDJSON file before loading (docs/etl.md: a file may mix event types), because the
 * loader's cost is mostly per file; the events are the same.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import { loadPaths } from '@collections/etl';
import { generate } from '@collections/generator';

let api: TestApi;
let dir: string;
let manifest: { compliance: { breachEventIds: string[] } };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'planted-'));
  const out = path.join(dir, 'generated');
  await generate({ out, accounts: 2000, months: 8, seed: 11 });
  manifest = JSON.parse(readFileSync(path.join(out, 'MANIFEST.json'), 'utf8'));
  const files = (readdirSync(out, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ndjson'))
    .sort();
  const all = path.join(dir, 'all.ndjson');
  writeFileSync(all, files.map((f) => readFileSync(path.join(out, f), 'utf8')).join(''));
  // The report pages over a century-wide window (the whole data, whatever its dates):
  // far over the default cost limit, which is not what this test is about.
  api = await createTestApi({ MAX_QUERY_COST: '100000' });
  const summary = await loadPaths(api.db, [all], { piiKey: 'test-pii-key-0123456789' });
  expect(summary.quarantined).toBe(0);
}, 600_000);
afterAll(async () => {
  await api.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = `query ($limit: Int, $offset: Int) {
  complianceReport(from: "2000-01-01", to: "2099-12-31", limit: $limit, offset: $offset) {
    violations
    offendingAttempts { total rows { eventId rules } }
  }
}`;
type Page = {
  complianceReport: {
    violations: number;
    offendingAttempts: { total: number; rows: { eventId: string; rules: string[] }[] };
  };
};

describe('planted compliance breaches (generator MANIFEST.json)', () => {
  it('finds every planted breach and nothing else', async () => {
    const planted = [...manifest.compliance.breachEventIds].sort();
    // The fixture must actually contain breaches of every kind for the test to mean something.
    expect(planted.length).toBeGreaterThan(10);
    const found: { eventId: string; rules: string[] }[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { complianceReport: r } = await api.data<Page>(PAGE, { limit: 1000, offset });
      expect(r.offendingAttempts.total).toBe(r.violations);
      found.push(...r.offendingAttempts.rows);
      if (r.offendingAttempts.rows.length < 1000) break;
    }
    expect(found.map((v) => v.eventId).sort()).toEqual(planted);
    const rules = new Set(found.flatMap((v) => v.rules));
    expect([...rules].sort()).toEqual(['DAILY_LIMIT', 'OUTSIDE_HOURS', 'WEEKLY_LIMIT']);
  });
});

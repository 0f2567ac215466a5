/**
 * `etl maintain` as an operator runs it (docs/operations.md, Patch parts): after a second
 * load rewrites a day of kpi_daily (its DELETE is a patch part), maintain applies the
 * pending patches and says so; run again it has nothing to do; a bad option is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppliedPatches } from '@collections/schema';
import { etl, pay } from './testing/cli-support.ts';

const work = mkdtempSync(path.join(tmpdir(), 'etl-maintain-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('etl maintain', () => {
  it('applies the pending patch parts, then finds none', () => {
    const chdb = path.join(work, 'db');
    for (const id of ['m1', 'm2']) {
      const file = path.join(work, `${id}.ndjson`);
      writeFileSync(file, `${pay(id)}\n`);
      expect(etl(['load', file], chdb).status).toBe(0);
    }
    const first = etl(['maintain', '--json'], chdb);
    expect(first.status).toBe(0);
    const { applied } = JSON.parse(first.stdout) as { applied: AppliedPatches[] };
    // m2 is on m1's day: kpi_daily's day was rewritten, its older row deleted by a patch
    expect(applied.find((a) => a.table === 'kpi_daily')).toMatchObject({ pending: 1 });
    const again = etl(['maintain'], chdb);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing done');
  });

  it('refuses a threshold that is not a whole number ≥ 1', () => {
    const out = etl(['maintain', '--min-patches', '0'], path.join(work, 'db-bad'));
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('--min-patches');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});

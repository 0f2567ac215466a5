/**
 * Every derived table, whatever the order and split of the loads: a generated portfolio's
 * events are shuffled (fixed seed: late and out-of-order events — closures before
 * openings, snapshots before their accounts, old months after new ones) and loaded in a
 * few loads of random sizes, each refreshed on its own; then every derived table must
 * hold exactly what a rebuild from the base tables (one refresh of every load: what one
 * load of everything refreshes) gives. Sized for 2 cores: a few hundred accounts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDerived } from '@collections/schema';
import { derivedFingerprints, openTempDb, type TempDb } from '@collections/schema/testing';
import { generate } from '@collections/generator';
import { loadPaths } from './load/index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'refresh-splits-'));
let db: TempDb;
beforeAll(async () => {
  db = await openTempDb();
});
afterAll(async () => {
  await db.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** mulberry32: a fixed-seed stream in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lines(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ndjson'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
}

describe('derived tables: random splits and orders = a rebuild from scratch', () => {
  it('gives the same rows in every derived table', async () => {
    const data = path.join(work, 'data');
    await generate({ out: data, accounts: 150, months: 5, seed: 5 });
    const next = random(17);
    const all = lines(data);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    // four loads: cut points at random positions (sorted)
    const cuts = [
      0,
      ...[next(), next(), next()].map((x) => Math.floor(x * all.length)),
      all.length,
    ].sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const dir = path.join(work, `load-${k}`);
      mkdirSync(dir);
      writeFileSync(
        path.join(dir, 'events.ndjson'),
        `${all.slice(cuts[k], cuts[k + 1]).join('\n')}\n`,
      );
      await loadPaths(db, [dir], { piiKey: 'refresh-splits-test-key' });
    }
    const split = await derivedFingerprints(db);
    const { loads } = await rebuildDerived(db);
    expect(loads).toBe(4);
    const rebuilt = await derivedFingerprints(db);
    expect(split).toEqual(rebuilt);
    // not vacuous: the tables the portfolio feeds hold rows
    for (const table of [
      'account_month',
      'account_run_end',
      'voice_attempts',
      'case_outcome_facts',
    ])
      expect(rebuilt[table]).not.toMatch(/^0\//);
  }, 600_000);
});

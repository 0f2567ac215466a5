/**
 * The intelligent-collection analytics find what the generator plants
 * (generator/src/planted-intel.ts, repeated in MANIFEST.json → intel):
 * - the cure propensity model, trained in ClickHouse on cases opened before a
 *   cut-off, beats the naive baseline (entry bucket × segment) on the cases
 *   opened after it, is published, and recovers the planted feature relation;
 * - upliftBySegment gets the sign of the challenger's uplift right per segment
 *   (better for the "able" segments, worse for the planted one);
 * - contactWindows finds the planted best hour for calls.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import { loadPaths, scoreOpenCases, trainModel, type ModelRun } from '@collections/etl';
import { generate } from '@collections/generator';

interface Manifest {
  experiment: { name: string; champion: { strategy: string }; challenger: { strategy: string } };
  intel: { challengerWorseSegment: string; rpcPeak: { channel: string; localHours: number[] } };
}

const dir = mkdtempSync(join(tmpdir(), 'intel-planted-'));
let api: TestApi;
let manifest: Manifest;
let period: { from: string; to: string };
let run: ModelRun;

beforeAll(async () => {
  const summary = await generate({ out: dir, accounts: 6000, months: 12, seed: 7 });
  manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as Manifest;
  period = { from: `${summary.startMonth}-01`, to: `${summary.endMonth}-28` };
  api = await createTestApi();
  await loadPaths(api.db, [dir], { piiKey: 'intel-planted-test-key' });
  run = await trainModel(api.db, { target: 'cure_30d' });
  // A bound against a hung load or training, not a speed assertion.
}, 900_000);
afterAll(async () => {
  await api?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const coefficient = (name: string) => {
  const i = run.features.indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return run.coefficients[i] as number;
};

describe('planted intelligence effects', () => {
  it('the cure model beats the baseline out of time and is published', async () => {
    const { model, baseline } = run.metrics;
    expect(model.n).toBeGreaterThanOrEqual(200);
    expect(model.auc).toBeGreaterThan(baseline.auc + 0.03);
    expect(model.brier).toBeLessThan(baseline.brier);
    expect(run.published).toBe(true);
    const { modelRuns } = await api.data<{
      modelRuns: {
        runId: string;
        published: boolean;
        verdict: string;
        model: { deciles: unknown[] };
      }[];
    }>(
      `{ modelRuns(target: "cure_30d") { runId published verdict model { deciles { decile } } } }`,
    );
    expect(modelRuns[0]?.runId).toBe(run.runId);
    expect(modelRuns[0]?.verdict).toMatch(/^published: beats the baseline/);
    expect(modelRuns[0]?.model.deciles).toHaveLength(10);
  });

  it('the model recovers the planted relation: grade A cures more than E, big balances less', () => {
    expect(coefficient('risk_grade=A')).toBeGreaterThan(coefficient('risk_grade=E'));
    expect(coefficient('ln_balance')).toBeLessThan(0);
  });

  it('upliftBySegment: the challenger helps the able segments and hurts the planted one', async () => {
    const { upliftBySegment: report } = await api.data<{
      upliftBySegment: {
        champion: string;
        segments: {
          segment: string;
          recommendedArm: string;
          arms: { strategy: string; uplift: number | null; qValue: number | null }[];
        }[];
      };
    }>(
      `query ($e: String!, $from: String!, $to: String!) {
        upliftBySegment(experiment: $e, from: $from, to: $to) {
          champion segments { segment recommendedArm arms { strategy uplift qValue } }
        }
      }`,
      { e: manifest.experiment.name, ...period },
    );
    const { champion, challenger } = manifest.experiment;
    expect(report.champion).toBe(champion.strategy);
    const upliftOf = (segment: string) =>
      report.segments
        .find((s) => s.segment === segment)
        ?.arms.find((a) => a.strategy === challenger.strategy)?.uplift;
    expect(upliftOf('willing_able')).toBeGreaterThan(0.1);
    expect(upliftOf('unwilling_able')).toBeGreaterThan(0.05);
    expect(upliftOf(manifest.intel.challengerWorseSegment)).toBeLessThan(0);
    const recommended = (s: string) => report.segments.find((x) => x.segment === s)?.recommendedArm;
    expect(recommended('willing_able')).toBe(challenger.strategy);
    expect(recommended(manifest.intel.challengerWorseSegment)).toBe(champion.strategy);
  });

  it('workQueue ranks the scored open cases by expected recovery per unit of cost', async () => {
    await scoreOpenCases(api.db, run, run.asOf);
    const { workQueue: all } = await api.data<{
      workQueue: {
        total: number;
        rows: {
          priority: number;
          score: number;
          balance: number;
          expectedCost: number;
          bucket: string;
        }[];
      };
    }>(`{ workQueue(limit: 100) { total rows { priority score balance expectedCost bucket } } }`);
    expect(all.total).toBeGreaterThan(50);
    for (const r of all.rows)
      expect(r.priority).toBeCloseTo((r.score * r.balance) / r.expectedCost, 6);
    const priorities = all.rows.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    const { workQueue: m2 } = await api.data<{
      workQueue: { total: number; rows: { bucket: string }[] };
    }>(`{ workQueue(filter: { buckets: ["M2"] }, limit: 1000) { total rows { bucket } } }`);
    expect(m2.total).toBeGreaterThan(0);
    expect(m2.total).toBeLessThan(all.total);
    expect(m2.rows.every((r) => r.bucket === 'M2')).toBe(true);
    const bad = await api.run(`{ workQueue(filter: { teams: ["bravvo"] }) { total } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('contactWindows: the best hour for calls is inside the planted peak', async () => {
    const { contactWindows } = await api.data<{
      contactWindows: { bestHours: { channel: string; hour: number; attempts: number }[] };
    }>(
      `query ($from: String!, $to: String!) {
        contactWindows(from: $from, to: $to, channels: ["call"]) { bestHours { channel hour attempts } }
      }`,
      period,
    );
    const best = contactWindows.bestHours.find((w) => w.channel === manifest.intel.rpcPeak.channel);
    expect(manifest.intel.rpcPeak.localHours).toContain(best?.hour);
  });
});

/**
 * The analytics find the effects the generator plants (docs/generator.md):
 * a generated portfolio is loaded through the real loader, then
 * - strategyComparison names the challenger as best, significantly, over the champion;
 * - teamPerformance / agentPerformance show the best team keeping clearly more promises.
 * Which arm and team are planted is read from the generator's MANIFEST.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@collections/api/testing';
import { loadPaths } from '@collections/etl';
import { generate } from '@collections/generator';

interface Manifest {
  experiment: { name: string; champion: { strategy: string }; challenger: { strategy: string } };
  promises: { bestTeam: string };
}

const dir = mkdtempSync(join(tmpdir(), 'planted-'));
let api: TestApi;
let manifest: Manifest;
let period: { from: string; to: string };

beforeAll(async () => {
  const summary = await generate({ out: dir, accounts: 3000, months: 12, seed: 7 });
  manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as Manifest;
  period = { from: `${summary.startMonth}-01`, to: `${summary.endMonth}-28` };
  api = await createTestApi();
  await loadPaths(api.db, [dir], { piiKey: 'planted-effects-test-key' });
  // Generating and loading ~76 k events takes tens of seconds on a busy 2-core machine:
  // this is a bound against a hung loader, not a speed assertion.
}, 900_000);
afterAll(async () => {
  await api?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('planted effects', () => {
  it('strategyComparison: the challenger cures significantly more than the champion', async () => {
    const { strategyComparison: result } = await api.data<{
      strategyComparison: {
        champion: string;
        verdict: string;
        arms: {
          strategy: string;
          matureCases: number;
          cureRate: number;
          liftVsChampion: number | null;
          pValue: number | null;
          significant: boolean;
        }[];
      };
    }>(
      `query ($experiment: String!, $from: String!, $to: String!) {
        strategyComparison(experiment: $experiment, from: $from, to: $to) {
          champion verdict arms { strategy matureCases cureRate liftVsChampion pValue significant }
        }
      }`,
      { experiment: manifest.experiment.name, ...period },
    );
    const { champion, challenger } = manifest.experiment;
    expect(result.champion).toBe(champion.strategy);
    const arm = result.arms.find((a) => a.strategy === challenger.strategy);
    expect(arm?.matureCases).toBeGreaterThan(100);
    expect(arm?.liftVsChampion).toBeGreaterThan(0.05);
    expect(arm?.significant).toBe(true);
    expect(result.verdict).toMatch(new RegExp(`^${challenger.strategy} is best`));
  });

  it('teamPerformance and agentPerformance: the best team keeps clearly more promises', async () => {
    const { teamPerformance: teams } = await api.data<{
      teamPerformance: { team: string; promises: number; keptRate: number | null }[];
    }>(
      `query ($from: String!, $to: String!) { teamPerformance(from: $from, to: $to) { team promises keptRate } }`,
      period,
    );
    const best = teams.find((t) => t.team === manifest.promises.bestTeam);
    const others = teams.filter((t) => t.team !== manifest.promises.bestTeam && t.promises > 50);
    expect(others.length).toBeGreaterThan(0);
    for (const other of others)
      expect(best?.keptRate ?? 0).toBeGreaterThan((other.keptRate ?? 0) + 0.1);

    const page = async (team: string | null) =>
      (
        await api.data<{
          agentPerformance: { total: number; rows: { team: string; keptRate: number | null }[] };
        }>(
          `query ($from: String!, $to: String!, $team: String) {
            agentPerformance(from: $from, to: $to, team: $team, limit: 1000) { total rows { team keptRate } }
          }`,
          { ...period, team },
        )
      ).agentPerformance;
    const bestAgents = await page(manifest.promises.bestTeam);
    const allAgents = await page(null);
    expect(bestAgents.rows.every((r) => r.team === manifest.promises.bestTeam)).toBe(true);
    const mean = (rows: { keptRate: number | null }[]) => {
      const rates = rows.flatMap((r) => (r.keptRate === null ? [] : [r.keptRate]));
      return rates.reduce((a, b) => a + b, 0) / rates.length;
    };
    const otherAgents = allAgents.rows.filter((r) => r.team !== manifest.promises.bestTeam);
    expect(mean(bestAgents.rows)).toBeGreaterThan(mean(otherAgents) + 0.1);
  });
});

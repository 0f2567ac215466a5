/**
 * The dashboard against the real API on a generated portfolio: pages show the
 * API's numbers for the same query, filters live in the URL, CSV export gives
 * the shown rows, the explorer runs a query. Screenshots go to tests/screenshots/
 * (git-ignored). Times are printed, never asserted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTests } from './access.ts';
import { exportTests } from './exports.ts';
import { exploreTests } from './explore.ts';
import { layoutTests } from './layout.ts';
import { monthlyTests } from './monthly.ts';
import { SCREENSHOTS, parseCsv, startProduct, type Product } from './harness.ts';

let product: Product;
let page: Page;

beforeAll(async () => {
  product = await startProduct({ scale: process.env.E2E_SCALE === 'S' ? 'S' : undefined });
  page = await product.browser.newPage();
});

afterAll(async () => {
  await product?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

interface Transition {
  from: string;
  to: string;
  accounts: number;
  accountRate: number;
}

async function heatmapCells(): Promise<Map<string, number>> {
  await page.locator('table.heatmap').waitFor();
  const cells = await page
    .locator('table.heatmap td[data-from]')
    .evaluateAll((tds) =>
      tds.map((td) => [
        td.getAttribute('data-from'),
        td.getAttribute('data-to'),
        td.getAttribute('data-rate'),
      ]),
    );
  return new Map(cells.filter((c) => c[2] !== '').map((c) => [`${c[0]}>${c[1]}`, Number(c[2])]));
}

async function pooled(fromMonth: string, toMonth: string): Promise<Transition[]> {
  const d = await product.gql<{ rollRates: { pooled: Transition[] } }>(
    'query($a:String!,$b:String!){rollRates(fromMonth:$a,toMonth:$b){pooled{from to accounts accountRate}}}',
    { a: fromMonth, b: toMonth },
  );
  return d.rollRates.pooled;
}

function expectMatrixMatches(cells: Map<string, number>, transitions: Transition[]) {
  expect(transitions.length).toBeGreaterThan(0);
  for (const t of transitions) expect(cells.get(`${t.from}>${t.to}`)).toBeCloseTo(t.accountRate, 9);
  // every shaded non-zero cell is one of the API's transitions
  const nonZero = [...cells].filter(([, rate]) => rate > 0).length;
  expect(nonZero).toBe(transitions.filter((t) => t.accounts > 0).length);
}

/** Text of every cell of the given table rows. */
function tableCells(rows: ReturnType<Page['locator']>): Promise<string[][]> {
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
}

/** A number as the page formats it ("1,234"), or the text itself when it is not one. */
const num = (s: string): number | string => {
  const n = Number(s.replace(/,/g, ''));
  return s !== '' && Number.isFinite(n) ? n : s;
};

describe('dashboard end to end', () => {
  it('renders the shell and the overview and reports the time to first render', async () => {
    const t0 = Date.now();
    await page.goto(`${product.url}/`);
    await page.getByText(/Data as of \d{4}-\d{2}-\d{2}/).waitFor();
    // The overview's KPI panel has rendered something: tiles, or a state that says what to do.
    await page
      .locator('[data-panel="Key figures"] :is(.tiles, .state.error, .state.empty)')
      .first()
      .waitFor();
    console.log(
      `time to first render of the overview: ${Date.now() - t0} ms (${product.events} events loaded)`,
    );
    // The 13-month trend (one aliased request) draws after the tiles.
    await page
      .locator(
        '[data-panel="Delinquency and collections trend"] :is(.recharts-line, .state.error, .state.empty)',
      )
      .first()
      .waitFor({ timeout: 120_000 });
    console.log(`time to the overview's 13-month trend: ${Date.now() - t0} ms`);
    await shot('overview');
  });

  it('shows the KPIs the API computes for the same period', async () => {
    await page.goto(`${product.url}/#/overview?from=2026-08-01&to=2026-10-31`);
    const api = await product.gql<{ kpis: { kpis: { name: string; value: number }[] } }>(
      '{kpis(from:"2026-08-01",to:"2026-10-31"){kpis{name value}}}',
    );
    expect(api.kpis.kpis.length).toBeGreaterThan(0);
    // Polled: a hash change from the previous test's overview keeps its tiles until the reload.
    await expect
      .poll(
        async () =>
          Object.fromEntries(
            await page
              .locator('[data-kpi]')
              .evaluateAll((lis) =>
                lis.map((li) => [
                  li.getAttribute('data-kpi'),
                  Number(li.getAttribute('data-value')),
                ]),
              ),
          ),
        { timeout: 60_000 },
      )
      .toEqual(Object.fromEntries(api.kpis.kpis.map((k) => [k.name, k.value])));
    // The trend's 13 months take the API a while on a scale-S portfolio.
    await page
      .locator('[data-panel="Delinquency and collections trend"] .recharts-line')
      .first()
      .waitFor({ timeout: 120_000 });
    await shot('overview-kpis');
  });

  it('compares the arms of an experiment as the API does', async () => {
    const { dimensions } = await product.gql<{ dimensions: { experiments: string[] } }>(
      '{dimensions{experiments}}',
    );
    const experiment = dimensions.experiments[0];
    expect(experiment).toBeTruthy();
    await page.goto(
      `${product.url}/#/strategies?from=2025-11-01&to=2026-10-31&experiment=${encodeURIComponent(experiment!)}`,
    );
    const rows = page.locator('[data-panel="Arms"] tbody tr');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const api = await product.gql<{
      strategyComparison: {
        verdict: string;
        arms: { strategy: string; cases: number; cured: number }[];
      };
    }>(
      'query($e:String!){strategyComparison(experiment:$e,from:"2025-11-01",to:"2026-10-31"){verdict arms{strategy cases cured}}}',
      { e: experiment },
    );
    // columns: arm, cases, mature, cured, …
    expect(shown.map((r) => `${r[0]}:${r[1]}:${r[3]}`).sort()).toEqual(
      api.strategyComparison.arms.map((a) => `${a.strategy}:${a.cases}:${a.cured}`).sort(),
    );
    await expect
      .poll(() => page.locator('[data-verdict]').innerText())
      .toContain(api.strategyComparison.verdict);
    await shot('strategies');
  });

  it('shows the pooled roll-rate matrix the API computes for the same months', async () => {
    await page.goto(`${product.url}/#/roll-rates?from=2026-07-01&to=2026-10-31`);
    // origin months July … September, each vs the month after
    expectMatrixMatches(await heatmapCells(), await pooled('2026-07', '2026-09'));
    await shot('roll-rates');
  });

  it('puts a changed filter into the URL and reloads the numbers', async () => {
    await page.goto(`${product.url}/#/roll-rates?from=2026-07-01&to=2026-10-31`);
    const before = await heatmapCells();
    await page.getByLabel('From').fill('2026-09-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2026-09-01/);
    await page.locator('table.heatmap caption', { hasText: '2026-09 to 2026-09' }).waitFor();
    const after = await heatmapCells();
    expectMatrixMatches(after, await pooled('2026-09', '2026-09'));
    expect([...after]).not.toEqual([...before]);
    // the URL alone reproduces the view
    const shared = page.url();
    const other = await product.browser.newPage();
    await other.goto(shared);
    await other.locator('table.heatmap caption', { hasText: '2026-09 to 2026-09' }).waitFor();
    await other.close();
  });

  it('exports the shown matrix as CSV', async () => {
    await page.goto(`${product.url}/#/roll-rates?from=2026-07-01&to=2026-10-31`);
    await page.locator('table.heatmap').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Transition matrix as CSV' }).click(),
    ]);
    const file = path.join(SCREENSHOTS, 'roll_rates.csv');
    await download.saveAs(file);
    const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
    expect(header).toEqual(['from', 'to', 'accounts', 'rate']);
    const api = (await pooled('2026-07', '2026-09')).filter((t) => t.accounts > 0);
    expect(rows.map((r) => `${r[0]}>${r[1]}=${r[2]}`).sort()).toEqual(
      api.map((t) => `${t.from}>${t.to}=${t.accounts}`).sort(),
    );
  });

  it('shows the loss forecast the API projects', async () => {
    await page.goto(`${product.url}/#/forecast?months=6&lookback=6`);
    const summary = page.locator('[data-forecast] [data-charge-offs]');
    await summary.waitFor();
    const api = await product.gql<{
      lossForecast: { expectedChargeOffs: number; expectedChargeOffBalance: number };
    }>('{lossForecast(months:6,lookbackMonths:6){expectedChargeOffs expectedChargeOffBalance}}');
    expect(Number(await summary.getAttribute('data-charge-offs'))).toBe(
      api.lossForecast.expectedChargeOffs,
    );
    expect(
      Number(
        await page.locator('[data-charge-off-balance]').getAttribute('data-charge-off-balance'),
      ),
    ).toBe(api.lossForecast.expectedChargeOffBalance);
    await shot('forecast');
  });

  it('ranks agents as the API does', async () => {
    await page.goto(`${product.url}/#/agents?from=2026-08-01&to=2026-10-31`);
    await page.locator('[data-panel="Agent leaderboard"] tbody tr').first().waitFor();
    const shown = await page
      .locator('[data-panel="Agent leaderboard"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    const api = await product.gql<{
      agentPerformance: { rows: { agentId: string; attempts: number }[] };
    }>('{agentPerformance(from:"2026-08-01",to:"2026-10-31",limit:25){rows{agentId attempts}}}');
    expect(api.agentPerformance.rows.length).toBeGreaterThan(0);
    // columns: agent, agent id, team, collected, attempts, …
    expect(shown.map((r) => [r[1], Number(r[4]!.replace(/,/g, ''))])).toEqual(
      api.agentPerformance.rows.map((r) => [r.agentId, r.attempts]),
    );
    await shot('agents');
  });

  it('shows case outcomes by strategy as the API does', async () => {
    await page.goto(`${product.url}/#/outcomes?from=2026-05-01&to=2026-10-31&by=strategy`);
    const table = page.locator('[data-panel="Days to close and recovery"] tbody tr');
    await table.first().waitFor();
    const shown = await table.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const api = await product.gql<{ caseOutcomes: { key: string[]; cases: number }[] }>(
      '{caseOutcomes(from:"2026-05-01",to:"2026-10-31",groupBy:["strategy"]){key cases}}',
    );
    expect(api.caseOutcomes.length).toBeGreaterThan(0);
    const label = (k: string[]) => k.map((x) => x || '(none)').join(' · ');
    expect(shown.map((r) => `${r[0]}=${r[1]}`).sort()).toEqual(
      api.caseOutcomes.map((g) => `${label(g.key)}=${g.cases}`).sort(),
    );
    await shot('outcomes');
  });

  it('shows the cure maturity and relapse the API computes', async () => {
    await page.goto(`${product.url}/#/cure?from=2026-05-01&to=2026-10-31&cohortBy=MONTH&days=90`);
    const rows = page.locator('[data-panel="Cohort maturity"] tbody tr');
    await rows.first().waitFor();
    const shown = await tableCells(rows);
    const api = await product.gql<{
      cureCurve: {
        cohorts: {
          cohort: string;
          cases: number;
          points: { days: number; cured: number; matureCases: number; immatureCases: number }[];
        }[];
      };
      postCureRelapse: { total: { relapseRate: number | null } };
    }>(
      '{cureCurve(from:"2026-05-01",to:"2026-10-31",cohortBy:MONTH,maxDays:90){cohorts{cohort cases points{days cured matureCases immatureCases}}} postCureRelapse(from:"2026-05-01",to:"2026-10-31"){total{relapseRate}}}',
    );
    expect(api.cureCurve.cohorts.length).toBeGreaterThan(0);
    // columns: cohort, cases, mature, immature, cured, cure rate
    expect(shown.map((r) => r.slice(0, 5).map(num))).toEqual(
      api.cureCurve.cohorts.map((c) => {
        const p = c.points.find((x) => x.days === 90)!;
        return [num(c.cohort), c.cases, p.matureCases, p.immatureCases, p.cured];
      }),
    );
    const rate = await page.locator('[data-relapse-rate]').getAttribute('data-relapse-rate');
    expect(rate === '' ? null : Number(rate)).toBe(api.postCureRelapse.total.relapseRate);
    await page.locator('[data-panel="Cure curves"] .recharts-line').first().waitFor();
    await shot('cure');
  });

  it('shows each vintage to date as the API does', async () => {
    await page.goto(`${product.url}/#/vintages?from=2026-01-01&to=2026-06-30&threshold=60`);
    const rows = page.locator('[data-panel="Vintages to date"] tbody tr');
    await rows.first().waitFor();
    const shown = await tableCells(rows);
    const api = await product.gql<{
      vintages: {
        vintage: string;
        accounts: number;
        points: { monthsOnBook: number; ever60: number }[];
      }[];
    }>(
      '{vintages(fromMonth:"2026-01",toMonth:"2026-06"){vintage accounts points{monthsOnBook ever60}}}',
    );
    expect(api.vintages.length).toBeGreaterThan(0);
    // columns: vintage, accounts, months on book, ever 60+, share
    expect(shown.map((r) => [r[0], num(r[1]!), num(r[2]!), num(r[3]!)])).toEqual(
      api.vintages.map((v) => {
        const last = v.points[v.points.length - 1]!;
        return [v.vintage, v.accounts, last.monthsOnBook, last.ever60];
      }),
    );
    await shot('vintages');
  });

  it('shows channel effectiveness and compliance as the API does', async () => {
    await page.goto(`${product.url}/#/channels?from=2026-08-01&to=2026-10-31`);
    const rows = page.locator('[data-panel="Channels"] tbody tr');
    await rows.first().waitFor();
    const shown = await tableCells(rows);
    const api = await product.gql<{
      channelEffectiveness: { channel: string; attempts: number; payments: number }[];
      complianceReport: { violations: number; teams: { team: string; violations: number }[] };
    }>(
      '{channelEffectiveness(from:"2026-08-01",to:"2026-10-31"){channel attempts payments} complianceReport(from:"2026-08-01",to:"2026-10-31"){violations teams{team violations}}}',
    );
    // columns: channel, attempts, contact rate, RPC rate, promises, payments, …
    expect(shown.map((r) => [r[0], num(r[1]!), num(r[5]!)])).toEqual(
      api.channelEffectiveness
        .filter((c) => c.attempts > 0)
        .map((c) => [c.channel, c.attempts, c.payments]),
    );
    const violations = page.locator('[data-compliance] [data-violations]');
    await violations.waitFor();
    expect(Number(await violations.getAttribute('data-violations'))).toBe(
      api.complianceReport.violations,
    );
    const teams = await tableCells(page.locator('[data-panel="Violations by team"] tbody tr'));
    expect(teams.map((r) => [r[0], num(r[2]!)])).toEqual(
      api.complianceReport.teams.map((t) => [t.team || '(no team)', t.violations]),
    );
    await shot('channels');
  });

  it('shows repayment plans and the legal pipeline as the API does', async () => {
    await page.goto(`${product.url}/#/plans-legal?from=2026-05-01&to=2026-10-31&by=kind`);
    const rows = page.locator('[data-panel="Plans"] tbody tr');
    await rows.first().waitFor();
    const shown = await tableCells(rows);
    const api = await product.gql<{
      repaymentPlans: { key: string[]; plans: number; onTrack: number; completed: number }[];
      legalPipeline: { total: { cases: number }; stages: { stage: string; cases: number }[] };
    }>(
      '{repaymentPlans(from:"2026-05-01",to:"2026-10-31",groupBy:["kind"]){key plans onTrack completed} legalPipeline(from:"2026-05-01",to:"2026-10-31"){total{cases} stages{stage cases}}}',
    );
    expect(api.repaymentPlans.length).toBeGreaterThan(0);
    // columns: group, plans, on track, on-track rate, closed, completed, …
    const label = (k: string[]) => k.map((x) => x || '(none)').join(' · ');
    expect(shown.map((r) => `${r[0]}=${num(r[1]!)}/${num(r[2]!)}/${num(r[5]!)}`).sort()).toEqual(
      api.repaymentPlans
        .map((g) => `${label(g.key)}=${g.plans}/${g.onTrack}/${g.completed}`)
        .sort(),
    );
    if (api.legalPipeline.total.cases > 0) {
      const total = page.locator('[data-legal-total]');
      await total.waitFor();
      expect(Number(await total.getAttribute('data-legal-total'))).toBe(
        api.legalPipeline.total.cases,
      );
      const stages = await tableCells(page.locator('[data-panel="Legal stages"] tbody tr'));
      expect(Object.fromEntries(stages.map((r) => [r[0], num(r[1]!)]))).toEqual(
        Object.fromEntries(
          api.legalPipeline.stages.map((s) => {
            const t = s.stage.replace(/_/g, ' ');
            return [t[0]!.toUpperCase() + t.slice(1), s.cases];
          }),
        ),
      );
    }
    await shot('plans-legal');
  });

  it('runs a query in the bundled explorer', async () => {
    const asOf = await product.gql<{ asOf: { date: string } }>('{asOf{date}}');
    const t0 = Date.now();
    await page.goto(`${product.url}/#/explorer`);
    await page.locator('.graphiql-container').waitFor();
    // Monaco loads the editor (and its workers) after the container: wait for the query text.
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'asOf' }).waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect
      .poll(() => page.locator('.graphiql-response').innerText(), { timeout: 60_000 })
      .toContain(asOf.asOf.date);
    console.log(`explorer loaded and answered in ${Date.now() - t0} ms`);
    await shot('explorer');
  });
});

exportTests(() => ({ product, page }));
monthlyTests(() => ({ product, page }));
exploreTests(() => ({ product, page }));
layoutTests(() => ({ product }));
// Last: it restarts the API with API_KEYS.
accessTests(() => ({ product }));

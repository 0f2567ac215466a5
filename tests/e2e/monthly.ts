/**
 * End-to-end (#21): each page opens on its month-based range, stated and in the
 * URL; an incomplete month is marked "to date"; the filters are multi-selects
 * fed by `dimensions` and experiments a list; "What changed" lists exactly the
 * planted jump of a fixture; the monthly report prints to a PDF whose pages
 * (rendered to PNG) hold every section. Registered by dashboard.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  defaultRangeFor,
  lastCompleteMonth,
  lastDayOfMonth,
  addMonths,
} from '@collections/dashboard/requests';
import { SCREENSHOTS, type Product } from './harness.ts';
import { PLANTED, kpiTrendAnswer, rollRatesAnswer } from './what-changed.fixture.ts';

const run = promisify(execFile);

async function asOf(product: Product): Promise<string> {
  return (await product.gql<{ asOf: { date: string } }>('{asOf{date}}')).asOf.date;
}

export function monthlyTests(ctx: () => { product: Product; page: Page }) {
  describe('month-based views, pickers, what changed, monthly report', () => {
    it('opens each page on its default months, states them and keeps them in the URL', async () => {
      const { product, page } = ctx();
      const date = await asOf(product);
      for (const [id, kind] of [
        ['overview', 'lastMonth'],
        ['roll-rates', 'transitions12'],
        ['agents', 'lastMonth'],
        ['vintages', 'vintages24'],
      ] as const) {
        const range = defaultRangeFor(kind, date);
        await page.goto(`${product.url}/#/${id}`);
        await page.waitForURL(new RegExp(`#/${id}\\?from=${range.from}&to=${range.to}`));
        const note = page.locator('[data-range="default"]');
        await expect.poll(() => note.innerText()).toContain(range.label);
      }
    });

    it('marks the month to date on the overview trend', async () => {
      const { product, page } = ctx();
      const date = await asOf(product);
      const month = date.slice(0, 7);
      // The as-of month is incomplete unless the data end on its last day.
      expect(lastDayOfMonth(month) > date).toBe(true);
      await page.goto(`${product.url}/#/overview?from=${month}-01&to=${date}`);
      await page.locator('[data-partial-month]').waitFor({ timeout: 120_000 });
      // recharts may wrap a long tick into lines (tspans without a space between them).
      await expect
        .poll(() =>
          page
            .locator('[data-panel="Delinquency and collections trend"] .recharts-wrapper')
            .first()
            .textContent(),
        )
        .toMatch(new RegExp(`${month}\\s*\\(to date\\)`));
    });

    it('marks the month to date on the key flows, the vintages and the report trend', async () => {
      const { product, page } = ctx();
      const date = await asOf(product);
      const month = date.slice(0, 7);
      const dashed = (where: string) =>
        page.locator(`${where} .recharts-line path[stroke-dasharray="5 4"]`).count();
      // A vintage's last month on book is the as-of month; a report of the as-of month ends there.
      for (const [url, where] of [
        [`#/vintages?from=${addMonths(month, -6)}-01&to=${date}`, '[data-panel="Vintage curves"]'],
        [`#/report?month=${month}`, '[data-section="trend"]'],
      ] as const) {
        await page.goto(`${product.url}/${url}`);
        await page.locator(`${where} [data-partial-month]`).waitFor({ timeout: 60_000 });
        expect(await dashed(where)).toBeGreaterThan(0);
      }
      // Origin month m rolls into m + 1: the last origin (the month before the as-of's) is to
      // date when any of its accounts has a state in the as-of month yet, and absent otherwise.
      const prev = addMonths(month, -1);
      const api = await product.gql<{
        rollRates: { months: { transitions: { accounts: number }[] }[] };
      }>(`{rollRates(fromMonth:"${prev}",toMonth:"${prev}"){months{transitions{accounts}}}}`);
      const observed = api.rollRates.months
        .flatMap((m) => m.transitions)
        .some((t) => t.accounts > 0);
      const flows = '[data-panel="Key flows by month"]';
      await page.goto(`${product.url}/#/roll-rates?from=${addMonths(month, -3)}-01&to=${date}`);
      await page.locator(`${flows} .recharts-line`).first().waitFor({ timeout: 60_000 });
      expect(await page.locator(`${flows} [data-partial-month]`).count()).toBe(observed ? 1 : 0);
      expect((await dashed(flows)) > 0).toBe(observed);
    });

    it('filters through a searchable multi-select fed by dimensions, and lists experiments', async () => {
      const { product, page } = ctx();
      const { dimensions } = await product.gql<{
        dimensions: { regions: string[]; experiments: string[] };
      }>('{dimensions{regions experiments}}');
      const region = dimensions.regions[0]!;
      await page.goto(`${product.url}/#/roll-rates?from=2026-07-01&to=2026-10-31`);
      const picker = page.locator('[data-filter="region"]');
      await picker.locator('summary').click();
      await picker.getByLabel('Search region').fill(region.slice(0, 3));
      await picker.getByRole('checkbox', { name: region, exact: true }).check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(new RegExp(`region=${encodeURIComponent(region)}`));
      await expect.poll(() => picker.locator('summary').innerText()).toBe(region);
      const api = await product.gql<{
        rollRates: { pooled: { from: string; to: string; accountRate: number }[] };
      }>(
        'query($r:[String!]){rollRates(fromMonth:"2026-07",toMonth:"2026-09",filter:{regions:$r}){pooled{from to accountRate}}}',
        { r: [region] },
      );
      const first = api.rollRates.pooled[0]!;
      await expect
        .poll(() =>
          page
            .locator(`table.heatmap td[data-from="${first.from}"][data-to="${first.to}"]`)
            .getAttribute('data-rate'),
        )
        .toBe(String(first.accountRate));

      // Strategies opens on the latest experiment of the `experiments` query (latest first).
      const { experiments } = await product.gql<{ experiments: { name: string }[] }>(
        '{experiments{name}}',
      );
      expect(experiments.map((x) => x.name).sort()).toEqual([...dimensions.experiments].sort());
      await page.goto(`${product.url}/#/strategies`);
      const select = page.locator('select[name="experiment"]');
      await expect.poll(() => select.inputValue()).toBe(experiments[0]!.name);
      await page.waitForURL(new RegExp(`experiment=${encodeURIComponent(experiments[0]!.name)}`));
      expect(
        await select.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
      ).toEqual(experiments.map((x) => x.name));
    });

    /** The overview with the two requests of the panel answered from the fixture (`planted` jumps). */
    async function whatChanged(product: Product, planted: string) {
      const latest = lastCompleteMonth(await asOf(product));
      const fixture = await product.browser.newPage();
      await fixture.route('**/graphql', async (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as {
          query?: string;
          variables?: { fromMonth?: string };
        };
        if (body.query?.includes('query OverviewTrend'))
          return route.fulfill({ json: kpiTrendAnswer(latest, planted) });
        if (
          body.query?.includes('query RollRates') &&
          body.variables?.fromMonth === addMonths(latest, -13)
        )
          return route.fulfill({ json: rollRatesAnswer(addMonths(latest, -13)) });
        return route.continue();
      });
      await fixture.goto(`${product.url}/#/overview`);
      const list = fixture.locator('[data-panel="What changed"] [data-changes]');
      await list.waitFor({ timeout: 120_000 });
      const items = fixture.locator('[data-panel="What changed"] [data-change]');
      return { fixture, list, items };
    }

    it('lists the planted jump, and nothing else, under What changed', async () => {
      const { product } = ctx();
      const { fixture, list, items } = await whatChanged(product, PLANTED);
      expect(await list.getAttribute('data-changes')).toBe('1');
      expect(await items.evaluateAll((li) => li.map((x) => x.getAttribute('data-change')))).toEqual(
        [PLANTED],
      );
      expect(await items.first().innerText()).toMatch(
        /^Amount collected CNY 1,800,000 vs CNY 1,200,000 ± /,
      );
      expect(await items.first().locator('a').getAttribute('href')).toBe('#/agents');
      await fixture.screenshot({
        path: path.join(SCREENSHOTS, 'what-changed.png'),
        fullPage: true,
      });
      await fixture.close();
    });

    it('gives the delinquency rate its counts under What changed', async () => {
      const { product } = ctx();
      // 0.12 × 1.5 = 0.18 of an open balance of CNY 5 000 000: CNY 900 000 delinquent
      const { fixture, items } = await whatChanged(product, 'delinquency_rate');
      expect(await items.evaluateAll((li) => li.map((x) => x.getAttribute('data-change')))).toEqual(
        ['delinquency_rate'],
      );
      expect(await items.first().innerText()).toMatch(
        /^Delinquency rate \(balance\) 18\.0% \(CNY 900,000\/CNY 5,000,000\) vs 12\.0 ± /,
      );
      await fixture.close();
    });

    it('prints the monthly report to a PDF with every section, and refuses a bad month', async () => {
      const { product } = ctx();
      const month = lastCompleteMonth(await asOf(product));
      const bad = await fetch(`${product.url}/report.pdf?month=2026-13`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: 'month must be a month as YYYY-MM, got "2026-13".',
      });
      const res = await fetch(`${product.url}/report.pdf?month=${month}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // The pages as PNG (poppler's pdftoppm), the text of each for its sections.
      await run('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'page')]);
      const pngs = readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .sort();
      expect(pngs.length).toBeGreaterThan(0);
      for (const p of pngs) expect(statSync(path.join(dir, p)).size).toBeGreaterThan(5_000);
      await run('cp', [path.join(dir, pngs[0]!), path.join(SCREENSHOTS, 'report-pdf-page1.png')]);
      const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
      for (const section of [
        `Monthly management report: ${month}`,
        'Key figures vs the previous month and a year earlier',
        `Roll rates: month-end ${addMonths(month, -1)} to month-end ${month}`,
        'Collections and cure, 13 months',
        'Teams: most and least collected',
        'Compliance breaches',
        'Experiments: verdicts over',
      ])
        expect(text).toContain(section);
      // No section printed an error or a spinner instead of its content.
      expect(text).not.toMatch(/Loading|Something went wrong|Retry/);
    });
  });
}

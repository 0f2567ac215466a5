/**
 * End-to-end (#18 item 8): the Explore page answers the question in its URL
 * with the API's `explore` numbers — chart, table rows (each rate with its
 * numerator and denominator), CSV — marks the period to date, and names an
 * unknown measure instead of showing nothing. Registered by dashboard.test.ts.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { download } from './exports.ts';
import { SCREENSHOTS, type Product } from './harness.ts';

interface Cell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Row {
  period: string;
  key: string[];
  values: Cell[];
}

export function exploreTests(ctx: () => { product: Product; page: Page }) {
  describe('Explore page', () => {
    it('answers the question in its URL with the API’s explore rows, chart and CSV', async () => {
      const { product, page } = ctx();
      const asOf = (await product.gql<{ asOf: { date: string } }>('{asOf{date}}')).asOf.date;
      // The as-of year by quarter: the as-of's quarter is not over, so it is "to date".
      const from = `${asOf.slice(0, 4)}-01-01`;
      const toDate = `${asOf.slice(0, 4)}-Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1}`;
      const api = await product.gql<{ explore: { rows: Row[] } }>(
        `query($f:String!,$t:String!){explore(measures:[AMOUNT_COLLECTED,CURE_RATE_30D],dimensions:[REGION],grain:QUARTER,from:$f,to:$t){rows{period key values{value numerator denominator}}}}`,
        { f: from, t: asOf },
      );
      const rows = api.explore.rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(50); // one table page
      expect(rows.some((r) => r.period === toDate)).toBe(true);
      await page.goto(
        `${product.url}/#/explore?from=${from}&to=${asOf}&measures=amount_collected,cure_rate_30d&by=region&grain=quarter`,
      );
      const table = page.locator('[data-panel="Result"] tbody tr');
      await table.first().waitFor({ timeout: 60_000 });
      const shown = await table.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
      // columns: period, region, amount_collected, cure_rate_30d, its numerator, its denominator
      expect(shown.map((r) => [r[0], r[1], Number(r[4]), Number(r[5])])).toEqual(
        rows.map((r) => [
          r.period === toDate ? `${r.period} (to date)` : r.period,
          r.key[0] || '(none)',
          r.values[1]!.numerator,
          r.values[1]!.denominator,
        ]),
      );
      // The chart: a line per region (largest 8), the quarter to date dashed and said so.
      const regions = new Set(rows.map((r) => r.key[0] || '(none)'));
      const legend = await page
        .locator('[data-panel="Chart"] .recharts-legend-item-text')
        .allInnerTexts();
      expect(legend.sort()).toEqual([...regions].sort().slice(0, 8));
      await page.locator('[data-panel="Chart"] [data-partial-month]').waitFor();
      // The CSV: the table's rows with raw numbers, each rate with its counts.
      const [header, ...csv] = await download(page, 'Export Result as CSV', 'explore.csv');
      expect(header).toEqual([
        'period',
        'region',
        'amount_collected',
        'cure_rate_30d',
        'cure_rate_30d_numerator',
        'cure_rate_30d_denominator',
      ]);
      const n = (v: number | null) => (v === null ? '' : String(v));
      expect(csv).toEqual(
        rows.map((r) => [
          r.period,
          r.key[0]!,
          n(r.values[0]!.value),
          n(r.values[1]!.value),
          n(r.values[1]!.numerator),
          n(r.values[1]!.denominator),
        ]),
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'explore.png'), fullPage: true });
    });

    it('filters by a team picked in the form: the numbers become that team’s, in the URL and CSV', async () => {
      const { product, page } = ctx();
      const asOf = (await product.gql<{ asOf: { date: string } }>('{asOf{date}}')).asOf.date;
      // The as-of's month and the one before (the as-of may be a month's first day).
      const prev = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`);
      prev.setUTCMonth(prev.getUTCMonth() - 1);
      const from = prev.toISOString().slice(0, 10);
      // The expected numbers come from another named metric: teamPerformance's row of the team.
      const { teamPerformance: teams } = await product.gql<{
        teamPerformance: { team: string; attempts: number; rpcs: number }[];
      }>(`query($f:String!,$t:String!){teamPerformance(from:$f,to:$t){team attempts rpcs}}`, {
        f: from,
        t: asOf,
      });
      const team = teams
        .filter((t) => t.team !== '' && t.attempts > 0)
        .sort((a, b) => a.attempts - b.attempts)[0]!;
      const all = await product.gql<{ explore: { rows: Row[] } }>(
        `query($f:String!,$t:String!){explore(measures:[ATTEMPTS,RPC_RATE],dimensions:[],from:$f,to:$t){rows{values{value numerator denominator}}}}`,
        { f: from, t: asOf },
      );
      const total = all.explore.rows[0]!.values[0]!.value!;
      expect(team.attempts).toBeLessThan(total); // the filter must change the numbers

      await page.goto(
        `${product.url}/#/explore?from=${from}&to=${asOf}&measures=attempts,rpc_rate&grain=none`,
      );
      const cells = () =>
        page
          .locator('[data-panel="Result"] tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) =>
              [...tr.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/,/g, ''))),
            ),
          );
      // columns: attempts, rpc_rate, its numerator (RPCs), its denominator (attempts)
      await expect.poll(async () => (await cells())[0]?.[0]).toBe(total);

      const picker = page.locator('[data-filter="team"]');
      await picker.locator('summary').click();
      await picker.getByRole('checkbox', { name: team.team, exact: true }).check();
      await page.getByRole('button', { name: 'Run' }).click();
      await page.waitForURL(new RegExp(`team=${encodeURIComponent(team.team)}`));
      await expect
        .poll(async () => (await cells()).map((r) => [r[0], r[2], r[3]]))
        .toEqual([[team.attempts, team.rpcs, team.attempts]]);
      // The CSV carries the filtered numbers, unformatted.
      const [header, ...csv] = await download(page, 'Export Result as CSV', 'explore-team.csv');
      expect(header).toEqual([
        'attempts',
        'rpc_rate',
        'rpc_rate_numerator',
        'rpc_rate_denominator',
      ]);
      expect(csv.map((r) => [r[0], r[2], r[3]])).toEqual([
        [String(team.attempts), String(team.rpcs), String(team.attempts)],
      ]);
      // A shared address asks the same question: reloading it shows the team's numbers again.
      await page.reload();
      await expect
        .poll(async () => (await cells())[0]?.[0], { timeout: 60_000 })
        .toBe(team.attempts);
      // A filter the measure cannot honour is named, not answered with zeros (cases opened
      // have no holder yet: no team).
      await page.goto(
        `${product.url}/#/explore?from=${from}&to=${asOf}&measures=cases_opened&grain=none&team=${encodeURIComponent(team.team)}`,
      );
      await expect
        .poll(() => page.locator('[data-question-problems]').innerText())
        .toContain('cases_opened cannot be filtered by team');
    });

    it('puts a question asked in the form into the URL, and names an unknown measure', async () => {
      const { product, page } = ctx();
      await page.goto(`${product.url}/#/explore?measures=attempts&grain=none`);
      await page.locator('[data-panel="Result"] tbody tr').first().waitFor({ timeout: 60_000 });
      const dims = page.locator('[data-filter="dimensions"]');
      await dims.locator('summary').click();
      await dims.getByRole('checkbox', { name: 'channel', exact: true }).check();
      await page.getByRole('button', { name: 'Run' }).click();
      await page.waitForURL(/by=channel/);
      const { explore } = await product.gql<{ explore: { rows: Row[] } }>(
        `query($f:String!,$t:String!){explore(measures:[ATTEMPTS],dimensions:[CHANNEL],from:$f,to:$t){rows{key}}}`,
        {
          f: new URL(page.url().replace('#/explore', '')).searchParams.get('from'),
          t: new URL(page.url().replace('#/explore', '')).searchParams.get('to'),
        },
      );
      await expect
        .poll(() => page.locator('[data-panel="Result"] tbody tr').count())
        .toBe(explore.rows.length);

      await page.goto(`${product.url}/#/explore?measures=amount_colected`);
      const problem = page.locator('[data-question-problems]');
      await expect.poll(() => problem.innerText()).toContain('Unknown measure “amount_colected”');
    });
  });
}

/**
 * End-to-end checks of what the dashboard hands out: a sorted, paged table's
 * CSV is the rows as shown, and the overview trend comes in one request whose
 * numbers are the API's. Registered by dashboard.test.ts (one product per file).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, parseCsv, type Product } from './harness.ts';

export async function download(page: Page, button: string, file: string): Promise<string[][]> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const out = path.join(SCREENSHOTS, file);
  await d.saveAs(out);
  return parseCsv(await readFile(out, 'utf8'));
}

export function exportTests(ctx: () => { product: Product; page: Page }) {
  describe('CSV export and the overview trend', () => {
    it('exports a sorted, paged table exactly as the screen shows it', async () => {
      const { product, page } = ctx();
      await page.goto(`${product.url}/#/agents?from=2026-08-01&to=2026-10-31`);
      const panel = page.locator('[data-panel="Agent leaderboard"]');
      await panel.locator('tbody tr').first().waitFor();
      const api = await product.gql<{ agentPerformance: { total: number } }>(
        '{agentPerformance(from:"2026-08-01",to:"2026-10-31",limit:1){total}}',
      );
      const total = api.agentPerformance.total;
      expect(total).toBeGreaterThan(10); // two pages of 10 at least
      // 10 rows per page, sorted by attempts ascending (a number sorts descending first), page 2.
      await panel.getByLabel('Rows per page').selectOption('10');
      await page.waitForURL(/rows=10/);
      await panel.getByRole('button', { name: /^Attempts/ }).click();
      await panel.getByRole('button', { name: /^Attempts/ }).click();
      await expect
        .poll(() => panel.locator('th', { hasText: 'Attempts' }).getAttribute('aria-sort'))
        .toBe('ascending');
      await panel.getByRole('button', { name: 'Next' }).click();
      await panel.getByText(/^Page 2 of/).waitFor();
      const screen = await panel
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        );
      // columns: agent, agent id, team, collected, attempts, …
      const shown = screen.map((r) => `${r[1]}:${Number(r[4]!.replace(/,/g, ''))}`);
      expect(shown.length).toBe(Math.min(10, total - 10));

      const [header, ...pageRows] = await download(
        page,
        'Export page 2 of Agent leaderboard as CSV',
        'agents_page2.csv',
      );
      expect(header).toEqual([
        'Agent',
        'Agent id',
        'Team',
        'Collected',
        'Attempts',
        'RPC rate',
        'Promises',
        'Promise rate',
        'Kept rate',
        'Cases worked',
        'Talk hours',
        'Collected / talk hour',
        'Violations',
      ]);
      expect(pageRows.map((r) => `${r[1]}:${Number(r[4])}`)).toEqual(shown);

      const allLabel = `Export all ${total.toLocaleString('en-US')} rows of Agent leaderboard as CSV`;
      const [, ...all] = await download(page, allLabel, 'agents_all.csv');
      expect(all).toHaveLength(total);
      const attempts = all.map((r) => Number(r[4]));
      expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
      // page 2 of the file is what the screen shows
      expect(all.slice(10, 20).map((r) => `${r[1]}:${Number(r[4])}`)).toEqual(shown);
    });

    it('loads the 13-month trend in one request and shows the API figures', async () => {
      const { product } = ctx();
      // A fresh tab: exactly one load of the overview.
      const page = await product.browser.newPage();
      const kpiRequests: string[] = [];
      const exploreRequests: string[] = [];
      page.on('request', (req) => {
        const body = req.method() === 'POST' ? (req.postData() ?? '') : '';
        if (!req.url().endsWith('/graphql')) return;
        if (body.includes('kpis(')) kpiRequests.push(body);
        if (body.includes('explore(')) exploreRequests.push(body);
      });
      await page.goto(`${product.url}/#/overview?from=2026-08-01&to=2026-10-31`);
      const panel = page.locator('[data-panel="Delinquency and collections trend"]');
      await panel.locator('.recharts-line').first().waitFor({ timeout: 120_000 });
      // one KPI request for the tiles; one explore request for all 13 months of the trend,
      // whose rates' counts also feed "what changed" (no second explore request)
      expect(kpiRequests).toHaveLength(1);
      expect(exploreRequests.filter((b) => b.includes('query OverviewTrend'))).toHaveLength(1);
      expect(exploreRequests).toHaveLength(1);

      const [header, ...rows] = await download(
        page,
        'Export Delinquency and collections trend as CSV',
        'kpi_trend.csv',
      );
      expect(header).toEqual(['month', 'delinquency_rate', 'amount_collected']);
      expect(rows.map((r) => r[0])).toEqual([
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
      ]);
      const api = await product.gql<{
        a: { kpis: { name: string; value: number }[] };
        b: { kpis: { name: string; value: number }[] };
      }>(
        '{a:kpis(from:"2026-02-01",to:"2026-02-28"){kpis{name value}} b:kpis(from:"2026-10-01",to:"2026-10-31"){kpis{name value}}}',
      );
      const pick = (k: { name: string; value: number }[], n: string) =>
        k.find((x) => x.name === n)?.value;
      expect(rows[4]!.slice(1).map(Number)).toEqual([
        pick(api.a.kpis, 'delinquency_rate'),
        pick(api.a.kpis, 'amount_collected'),
      ]);
      expect(rows[12]!.slice(1).map(Number)).toEqual([
        pick(api.b.kpis, 'delinquency_rate'),
        pick(api.b.kpis, 'amount_collected'),
      ]);
      await page.close();
    });
  });
}

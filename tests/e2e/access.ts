/**
 * End-to-end: the API started with API_KEYS. The dashboard asks for a key, says
 * clearly when a key is wrong, keeps the right one in sessionStorage and shows
 * the numbers; the case drill-down (analyst role) tells a viewer key why it
 * shows nothing, and shows an analyst the API's cases and a case timeline.
 * Registered last by dashboard.test.ts: it restarts the product's API.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type Product } from './harness.ts';

const VIEWER = 'e2e-viewer-key-7f3a';
const ANALYST = 'e2e-analyst-key-91c2';

async function enterKey(page: Page, key: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'API key required' });
  await dialog.waitFor();
  await dialog.getByLabel('API key').fill(key);
  await dialog.getByRole('button', { name: 'Continue' }).click();
}

export function accessTests(ctx: () => { product: Product }) {
  describe('with API keys (viewer and analyst)', () => {
    it('asks for the key, rejects a wrong one clearly, stores the right one and shows the numbers', async () => {
      const { product } = ctx();
      await product.restartApi({ API_KEYS: `${VIEWER}:viewer,${ANALYST}:analyst` });
      const page = await product.browser.newPage();
      await page.goto(`${product.url}/#/overview?from=2026-08-01&to=2026-10-31`);
      const dialog = page.getByRole('dialog', { name: 'API key required' });
      await dialog.getByText('This server requires an API key').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'key-prompt.png') });

      await enterKey(page, 'not-a-key');
      await dialog.getByText('The API did not accept the key. Enter a valid one.').waitFor();

      await enterKey(page, VIEWER);
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.evaluate('sessionStorage.getItem("collections.apiKey")')).toBe(VIEWER);
      product.apiKey = VIEWER;
      const api = await product.gql<{ kpis: { kpis: { name: string; value: number }[] } }>(
        '{kpis(from:"2026-08-01",to:"2026-10-31"){kpis{name value}}}',
      );
      // Polled: the API has just restarted, its first queries are cold.
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
      await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-viewer.png') });

      // The case drill-down is for analysts: the viewer is told why, not shown an error dump.
      await page.goto(`${product.url}/#/cases?from=2026-08-01&to=2026-10-31`);
      const note = page.locator('[data-role-note]');
      await note.waitFor();
      expect(await note.innerText()).toMatch(/needs the analyst role[\s\S]*viewer role/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'cases-viewer.png') });
      await page.close();
    });

    it('shows an analyst the cases and a case timeline as the API does', async () => {
      const { product } = ctx();
      product.apiKey = ANALYST;
      // A new tab has its own sessionStorage: the prompt again.
      const page = await product.browser.newPage();
      await page.goto(`${product.url}/#/cases?from=2026-08-01&to=2026-10-31&outcome=cured`);
      await enterKey(page, ANALYST);
      const rows = page.locator('[data-panel="Cases"] tbody tr');
      await rows.first().waitFor();
      const api = await product.gql<{
        cases: { total: number; rows: { caseId: string; strategy: string; paid: number }[] };
      }>(
        '{cases(filter:{openedFrom:"2026-08-01",openedTo:"2026-10-31",outcomes:["cured"]},limit:50){total rows{caseId strategy paid}}}',
      );
      expect(api.cases.total).toBeGreaterThan(0);
      const shown = await rows.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
      // columns: case, account, opened, strategy, segment, bucket, balance, holder, team, status, paid
      expect(shown.map((r) => `${r[0]}:${r[3]}:${r[9]}`)).toEqual(
        api.cases.rows.map((c) => `${c.caseId}:${c.strategy}:cured`),
      );
      await page
        .locator('[data-panel="Cases"] .pager', {
          hasText: `of ${api.cases.total.toLocaleString('en-US')}`,
        })
        .waitFor();

      const first = api.cases.rows[0]!;
      await page.getByRole('button', { name: first.caseId, exact: true }).click();
      await page.waitForURL(new RegExp(`case=${encodeURIComponent(first.caseId)}`));
      const timeline = await product.gql<{ caseTimeline: { events: { eventId: string }[] } }>(
        'query($c:String!){caseTimeline(caseId:$c){events{eventId}}}',
        { c: first.caseId },
      );
      const events = page.locator(`[data-panel="Case ${first.caseId}"] tbody tr`);
      await expect
        .poll(() => events.count(), { timeout: 60_000 })
        .toBe(timeline.caseTimeline.events.length);
      expect(
        Number(await page.locator('[data-case-summary] [data-paid]').getAttribute('data-paid')),
      ).toBe(first.paid);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'cases.png'), fullPage: true });
      await page.close();
    });
  });
}

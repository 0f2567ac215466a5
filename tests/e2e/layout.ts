/**
 * End-to-end: every page's controls have accessible names, the keyboard gets
 * around (skip link, sortable headers), and the overview and a wide table fit
 * laptop and wall-screen widths without a page-wide horizontal scroll.
 * Registered by dashboard.test.ts. Screenshots per size go to tests/screenshots/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type Product } from './harness.ts';
import { PAGES } from './pages.ts';

/**
 * Waits until the page has content and no spinner. Visible content only: while the
 * next page's code loads, React keeps the previous page in the DOM, hidden.
 */
async function settled(page: Page): Promise<void> {
  await page
    .locator('main .panel:visible, main .state:visible')
    .first()
    .waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator('main .spinner').count(), { timeout: 60_000 }).toBe(0);
}

/** Controls without an accessible name (label, aria-label(ledby), text or title). */
const UNLABELLED = `[...document.querySelectorAll('input, select, textarea, button, a[href]')]
  .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') ||
    el.getAttribute('aria-labelledby') || el.textContent.trim() || el.getAttribute('title')))
  .map((el) => el.outerHTML.slice(0, 160))`;

const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

export function layoutTests(ctx: () => { product: Product }) {
  describe('accessibility and screen sizes', () => {
    it('gives every control on every page an accessible name', async () => {
      const { product } = ctx();
      const page = await product.browser.newPage();
      const range = 'from=2026-05-01&to=2026-10-31';
      for (const id of PAGES) {
        await page.goto(`${product.url}/#/${id}?${range}`);
        await settled(page);
        expect({ id, unlabelled: await page.evaluate(UNLABELLED) }).toEqual({ id, unlabelled: [] });
      }
      await page.close();
    });

    it('is usable from the keyboard: skip link, navigation and sorting', async () => {
      const { product } = ctx();
      const page = await product.browser.newPage();
      await page.goto(`${product.url}/#/agents?from=2026-08-01&to=2026-10-31`);
      await settled(page);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
      await page.keyboard.press('Enter');
      // The skip link moves focus to the content and keeps the route.
      expect(await page.evaluate('document.activeElement.id')).toBe('main');
      expect(page.url()).toContain('#/agents?');
      const header = page.locator('[data-panel="Agent leaderboard"] th', { hasText: 'Team' });
      await header.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      await page.getByRole('link', { name: 'Outcomes' }).focus();
      await page.keyboard.press('Enter');
      // Each page opens on its own months (the range does not travel with the link).
      await page.waitForURL(/#\/outcomes\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}/);
      await page.close();
    });

    for (const [name, width, height] of [
      ['laptop', 1280, 720],
      ['wall', 3840, 2160],
    ] as const)
      it(`fits a ${name} screen (${width}×${height}) without page-wide horizontal scrolling`, async () => {
        const { product } = ctx();
        const page = await product.browser.newPage();
        await page.setViewportSize({ width, height });
        for (const id of ['overview', 'agents']) {
          await page.goto(`${product.url}/#/${id}?from=2026-08-01&to=2026-10-31`);
          await settled(page);
          expect({ id, overflow: await page.evaluate(OVERFLOW) }).toEqual({ id, overflow: 0 });
          await page.screenshot({ path: path.join(SCREENSHOTS, `${id}-${name}.png`) });
        }
        // Text grows with the screen (root font size: clamp(14px, 0.55vw + 8px, 22px)).
        const px = Number.parseFloat(
          String(await page.evaluate('getComputedStyle(document.documentElement).fontSize')),
        );
        expect(px).toBeCloseTo(Math.max(14, Math.min(22, 0.0055 * width + 8)), 1);
        await page.close();
      });
  });
}

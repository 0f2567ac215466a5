/**
 * `pnpm screenshots [--db DIR]`: every dashboard page at 1440 × 900 into
 * docs/screenshots/, each on its default range. With `--db`, a copy of that
 * loaded database (the demo: scale S, seed 7, as `pnpm start` loads it) is
 * served; without, the e2e portfolio is generated and loaded (harness.ts;
 * E2E_SCALE=S for the larger one). The dashboard is built and `pnpm api` run either way.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startProduct } from './harness.ts';
import { PAGES } from './pages.ts';

const OUT = path.join(ROOT, 'docs/screenshots');
const { values } = parseArgs({ options: { db: { type: 'string' } } });

// Scored (`pnpm etl score`), so the Models and Work queue pages have runs to show.
const product = await startProduct({
  scale: process.env.E2E_SCALE === 'S' ? 'S' : undefined,
  database: values.db ? path.resolve(values.db) : undefined,
  score: true,
});
try {
  const page = await product.browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const id of PAGES) {
    await page.goto(`${product.url}/#/${id}`);
    await page.locator('main .panel, main .state, main .report').first().waitFor();
    // Settled: no spinner left (queries answered), then a moment for charts to lay out.
    for (let i = 0; i < 600 && (await page.locator('main .spinner').count()) > 0; i++)
      await page.waitForTimeout(200);
    await page.waitForTimeout(500);
    const file = path.join(OUT, `${id}.png`);
    await page.screenshot({ path: file });
    console.log(path.relative(ROOT, file));
  }
} finally {
  await product.stop();
}

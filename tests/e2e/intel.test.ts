/**
 * The Work queue and Models pages end to end (docs/models.md, docs/dashboard.md):
 * a generated portfolio large enough for an out-of-time test set (4 000 accounts,
 * 12 months, seed 7), loaded, then `pnpm etl score` — the real training, validation
 * and scoring — before the API starts. The pages show the API's runs, verdict and
 * ranked cases; both charts draw. Its own product: the main e2e portfolio
 * (1 500 accounts) is too small for a model to be published.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startProduct, type Product } from './harness.ts';

let product: Product;
let page: Page;

beforeAll(async () => {
  product = await startProduct({ accounts: 4000, score: true });
  page = await product.browser.newPage();
  // generate + load + train + build + start: a bound against a hang, not a speed claim
}, 600_000);

afterAll(async () => {
  await product?.stop();
});

const shot = (name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

interface Evaluation {
  auc: number;
  aucCI: { low: number; high: number };
  brier: number;
  cases: number;
  deciles: { cases: number }[];
}
interface Run {
  runId: string;
  target: string;
  published: boolean;
  verdict: string;
  model: Evaluation;
  baseline: Evaluation;
}

const RUN_FIELDS = `runId target published verdict
  model { auc aucCI { low high } brier cases deciles { cases } }
  baseline { auc aucCI { low high } brier cases deciles { cases } }`;

interface QueueRow {
  caseId: string;
  bucket: string;
  score: number;
}

async function queue(filter: Record<string, string[]> | null) {
  const d = await product.gql<{ workQueue: { total: number; runId: string; rows: QueueRow[] } }>(
    `query($f: WorkQueueFilter) { workQueue(filter: $f, limit: 50) { total runId rows { caseId bucket score } } }`,
    { f: filter },
  );
  return d.workQueue;
}

const shownCases = () =>
  page
    .locator('[data-panel="Work queue"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));

describe('work queue and models pages', () => {
  it('trained and published a cure model on the seeded portfolio', () => {
    const cure = product.scored.find((s) => s.target === 'cure_30d');
    expect(cure?.published, cure?.verdict).toBe(true);
    expect(cure?.scoredCases).toBeGreaterThan(0);
  });

  it('shows the runs, the verdict against the baseline and both charts', async () => {
    const { modelRuns } = await product.gql<{ modelRuns: Run[] }>(
      `{ modelRuns { ${RUN_FIELDS} } }`,
    );
    expect(modelRuns.map((r) => r.runId).sort()).toEqual(product.scored.map((s) => s.runId).sort());
    const cure = modelRuns.find((r) => r.target === 'cure_30d')!;
    await page.goto(`${product.url}/#/models`);
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('published');
    const f3 = (x: number) => x.toFixed(3);
    expect(await verdict.innerText()).toBe(
      `Published: AUC ${f3(cure.model.auc)} (${f3(cure.model.aucCI.low)}–${f3(cure.model.aucCI.high)}) ` +
        `vs baseline ${f3(cure.baseline.auc)} (${f3(cure.baseline.aucCI.low)}–${f3(cure.baseline.aucCI.high)}), ` +
        `Brier ${f3(cure.model.brier)} vs ${f3(cure.baseline.brier)}, on ${cure.model.cases} out-of-time samples`,
    );
    expect(await page.locator('[data-api-verdict]').innerText()).toContain(cure.verdict);
    // one row per run
    const runs = page.locator('[data-panel="Model runs"] tbody tr');
    await expect.poll(() => runs.count()).toBe(modelRuns.length);
    // calibration: the observed line with a dot per decile, and the diagonal
    const calibration = page.locator('[data-panel="Calibration by decile"]');
    await calibration.locator('.recharts-line').first().waitFor();
    expect(
      await calibration.locator('.recharts-line-dots circle, .recharts-line-dot').count(),
    ).toBe(cure.model.deciles.filter((d) => d.cases > 0).length);
    expect(await calibration.locator('.recharts-reference-line').count()).toBe(1);
    // gains: model, baseline and random
    const gains = page.locator('[data-panel="Cumulative gains"]');
    await gains.locator('.recharts-line').first().waitFor();
    expect(await gains.locator('.recharts-line').count()).toBe(3);
    await shot('models');
    // the payment run, picked from the table
    const payment = modelRuns.find((r) => r.target === 'payment_30d')!;
    await page
      .locator('[data-panel="Model runs"] tbody tr', { hasText: 'payment_30d' })
      .getByRole('button')
      .click();
    await page.waitForURL(new RegExp(`run=${payment.runId}`));
    await expect
      .poll(() => page.locator('[data-api-verdict]').innerText())
      .toContain(payment.verdict);
  });

  it('ranks the open cases as the API does and filters by bucket', async () => {
    const all = await queue(null);
    expect(all.total).toBeGreaterThan(0);
    await page.goto(`${product.url}/#/work-queue`);
    await page.locator('[data-panel="Work queue"] tbody tr').first().waitFor();
    expect(await shownCases()).toEqual(all.rows.map((r) => r.caseId));
    expect(await page.locator('[data-run-id]').getAttribute('data-run-id')).toBe(all.runId);
    expect(
      Number(
        await page.locator('[data-panel="Work queue"] [data-total]').getAttribute('data-total'),
      ),
    ).toBe(all.total);
    await shot('work-queue');
    // pick a bucket in the multi-select: the URL and the rows follow
    const bucket = all.rows[0]!.bucket;
    const picker = page.locator('[data-filter="bucket"]');
    await picker.locator('summary').click();
    // The box reads ticked within the click's own event: the navigation notifies
    // synchronously (an asynchronous hashchange made Playwright's check() flaky).
    const ticked = await picker
      .getByRole('checkbox', { name: bucket })
      .evaluate((box: { click(): void; checked: boolean }) => {
        box.click();
        return box.checked;
      });
    expect(ticked).toBe(true);
    await page.waitForURL(new RegExp(`bucket=${bucket}`));
    const one = await queue({ buckets: [bucket] });
    await expect.poll(shownCases).toEqual(one.rows.map((r) => r.caseId));
    expect(one.rows.every((r) => r.bucket === bucket)).toBe(true);
    // Back returns to the whole queue: each pick is a history entry.
    await page.goBack();
    await expect.poll(shownCases).toEqual(all.rows.map((r) => r.caseId));
    expect(page.url()).not.toContain('bucket=');
  });
});

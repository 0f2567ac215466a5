/**
 * GET /report.pdf?month=YYYY-MM: the dashboard's monthly report (#/report)
 * printed to PDF by headless Chromium (playwright-core, CHROMIUM_PATH), the
 * browser the end-to-end tests drive. The page is loaded from this same server
 * with the caller's API key, so it sees exactly what the caller may see; one
 * render at a time (a browser is heavy on a small machine).
 */
import type { Env } from '@collections/schema';

export interface PdfRequest {
  /** This server's own base URL (http://127.0.0.1:PORT). */
  readonly baseUrl: string;
  readonly month: string;
  /** The caller's bearer key, handed to the page as the dashboard keeps it; null when the API is open. */
  readonly apiKey: string | null;
  readonly env: Pick<Env, 'CHROMIUM_PATH' | 'REPORT_PDF_TIMEOUT_SECONDS'>;
}

/** The report did not finish in time (→ 504). */
export class ReportRenderError extends Error {}
/** The page refused the month, e.g. one after the data (→ 400 with the page's reason). */
export class ReportInputError extends Error {}

let queue: Promise<unknown> = Promise.resolve();

export function renderReportPdf(request: PdfRequest): Promise<Buffer> {
  const next = queue.then(() => render(request));
  queue = next.catch(() => undefined);
  return next;
}

async function render({ baseUrl, month, apiKey, env }: PdfRequest): Promise<Buffer> {
  // Loaded on first use: the API starts without the browser library.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    // The dashboard keeps the key in sessionStorage (dashboard/src/lib/auth.ts).
    if (apiKey)
      await context.addInitScript({
        content: `sessionStorage.setItem('collections.apiKey', ${JSON.stringify(apiKey)});`,
      });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/report?month=${month}`);
    const timeout = env.REPORT_PDF_TIMEOUT_SECONDS * 1000;
    const ready = await page
      .locator('[data-report-ready]')
      .first()
      .waitFor({ timeout })
      .then(
        () => true,
        () => false,
      );
    if (!ready)
      throw new ReportRenderError(
        `The report did not finish within ${env.REPORT_PDF_TIMEOUT_SECONDS} s (REPORT_PDF_TIMEOUT_SECONDS).`,
      );
    const state = await page
      .locator('[data-report-ready]')
      .first()
      .getAttribute('data-report-ready');
    if (state === 'error')
      throw new ReportInputError(
        (await page.locator('[data-report-ready] strong').first().innerText()).trim(),
      );
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

/**
 * The one money helper: every amount the dashboard shows carries the
 * deployment's currency (the API's CURRENCY, an ISO 4217 code; default CNY).
 * Amounts are labels only, never converted. The shell sets the code once from
 * `asOf { currency }` before any page renders.
 */
let currency = 'CNY';

export function setCurrency(code: string): void {
  currency = code;
}

export function currencyCode(): string {
  return currency;
}

const full = new Map<string, Intl.NumberFormat>();
const compact = new Map<string, Intl.NumberFormat>();
const cents = new Map<string, Intl.NumberFormat>();

function formatter(
  cache: Map<string, Intl.NumberFormat>,
  code: string,
  short: boolean,
  digits = 0,
) {
  let f = cache.get(code);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code,
      currencyDisplay: 'code',
      ...(short
        ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
        : { maximumFractionDigits: digits, minimumFractionDigits: digits }),
    });
    cache.set(code, f);
  }
  return f;
}

/**
 * "CNY 2,800,000" in tables and text; "CNY 2.8M" with `compact` (axes, tight
 * tiles); "CNY 5.50" with `cents` (small amounts such as a contact's cost).
 */
export function fmtMoney(
  v: number | null | undefined,
  opts: { compact?: boolean; cents?: boolean } = {},
): string {
  if (v === null || v === undefined) return '—';
  const f = opts.compact
    ? formatter(compact, currency, true)
    : opts.cents
      ? formatter(cents, currency, false, 2)
      : formatter(full, currency, false);
  // Intl puts a no-break space after the code: a plain space reads the same and copies cleanly.
  return f.format(v).replace(/\u00a0/g, ' ');
}

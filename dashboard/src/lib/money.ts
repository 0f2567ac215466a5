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

function formatter(cache: Map<string, Intl.NumberFormat>, code: string, short: boolean) {
  let f = cache.get(code);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code,
      currencyDisplay: 'code',
      ...(short
        ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
        : { maximumFractionDigits: 0, minimumFractionDigits: 0 }),
    });
    cache.set(code, f);
  }
  return f;
}

/** "CNY 2,800,000" in tables and text; "CNY 2.8M" with `compact` (axes, tight tiles). */
export function fmtMoney(v: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (v === null || v === undefined) return '—';
  // Intl puts a no-break space after the code: a plain space reads the same and copies cleanly.
  return formatter(opts.compact ? compact : full, currency, !!opts.compact)
    .format(v)
    .replace(/\u00a0/g, ' ');
}

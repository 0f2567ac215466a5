/**
 * Global filters kept in the URL (so a view can be shared): date range and the
 * docs/metrics/README.md#portfoliofilter. Pure parse/serialise, unit-tested.
 */
export interface Filters {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  portfolios: string[];
  products: string[];
  regions: string[];
  riskGrades: string[];
}

export const LIST_KEYS = {
  portfolios: 'portfolio',
  products: 'product',
  regions: 'region',
  riskGrades: 'grade',
} as const satisfies Record<keyof Omit<Filters, 'from' | 'to'>, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: string | null | undefined): s is string {
  if (!s || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A comma-separated URL value as a list: trimmed, no empties, no repeats. */
export function list(v: string | null): string[] {
  if (!v) return [];
  return [
    ...new Set(
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Filters from URL params; missing or invalid dates fall back to `defaults`. */
export function parseFilters(params: URLSearchParams, defaults: { from: string; to: string }) {
  let from = params.get('from');
  let to = params.get('to');
  if (!isDate(from)) from = defaults.from;
  if (!isDate(to)) to = defaults.to;
  if (from > to) [from, to] = [to, from];
  return {
    from,
    to,
    portfolios: list(params.get(LIST_KEYS.portfolios)),
    products: list(params.get(LIST_KEYS.products)),
    regions: list(params.get(LIST_KEYS.regions)),
    riskGrades: list(params.get(LIST_KEYS.riskGrades)),
  } satisfies Filters;
}

/** Writes the filters into `params` (a copy), dropping empty lists. */
export function writeFilters(params: URLSearchParams, f: Filters): URLSearchParams {
  const out = new URLSearchParams(params);
  out.set('from', f.from);
  out.set('to', f.to);
  for (const [field, key] of Object.entries(LIST_KEYS) as [keyof typeof LIST_KEYS, string][]) {
    if (f[field].length) out.set(key, f[field].join(','));
    else out.delete(key);
  }
  return out;
}

/** The GraphQL PortfolioFilter, or null when no dimension is restricted. */
export function portfolioFilter(f: Filters) {
  const out: Partial<Record<keyof typeof LIST_KEYS, string[]>> = {};
  for (const field of Object.keys(LIST_KEYS) as (keyof typeof LIST_KEYS)[])
    if (f[field].length) out[field] = f[field];
  return Object.keys(out).length ? out : null;
}

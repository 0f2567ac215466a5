/**
 * Case drill-down (docs/metrics/cases.md): the page's URL params
 * and the global filters as the API's CaseFilter and paging. Pure, unit-tested.
 */
import type { CaseFilter } from '../../gql/graphql.ts';
import { portfolioFilter, type Filters } from '../../lib/filters.ts';
import { BUCKETS } from '../../lib/buckets.ts';

export const CASE_PAGE = 50;

/** Page settings kept in the URL; each is one value ("" or absent = all). */
export const CASE_PARAMS = {
  strategy: 'strategies',
  segment: 'segments',
  team: 'teams',
  outcome: 'outcomes',
  bucket: 'entryBuckets',
} as const satisfies Record<string, keyof CaseFilter>;

/** Buckets a case can open in (by entry DPD): every open bucket, M0 … M7_PLUS. */
export const ENTRY_BUCKETS = BUCKETS.slice(0, BUCKETS.indexOf('M7_PLUS') + 1);
/** docs/etl.md case_closed outcomes, and "open" for cases not closed. */
export const CASE_STATUSES = [
  'open',
  'cured',
  'paid_in_full',
  'settled',
  'plan_completed',
  'charged_off',
  'written_off',
  'legal_closed',
  'uncollectible',
] as const;

/**
 * Cases opened in the date range, narrowed by the global portfolio filters (CaseFilter
 * carries them: `cases(portfolio:)` is deprecated) and the page's settings.
 */
export function caseFilter(filters: Filters, params: URLSearchParams): CaseFilter {
  const f: CaseFilter = {
    openedFrom: filters.from,
    openedTo: filters.to,
    ...portfolioFilter(filters),
  };
  for (const [param, field] of Object.entries(CASE_PARAMS) as [
    keyof typeof CASE_PARAMS,
    (typeof CASE_PARAMS)[keyof typeof CASE_PARAMS],
  ][]) {
    const v = params.get(param);
    if (v) f[field] = [v];
  }
  return f;
}

/** The 0-based row offset from the URL, a multiple of the page size. */
export function caseOffset(params: URLSearchParams): number {
  const n = Number(params.get('offset'));
  return Number.isInteger(n) && n > 0 ? n - (n % CASE_PAGE) : 0;
}

/** "rows 51–100 of 312", or null when nothing matches. */
export function pageScope(offset: number, shown: number, total: number): string | null {
  if (total === 0 || shown === 0) return null;
  const n = (k: number) => k.toLocaleString('en-US');
  return `rows ${n(offset + 1)}–${n(offset + shown)} of ${n(total)}`;
}

/** Status of a case for the table: "open" or its closing outcome. */
export function caseStatus(c: { closed: boolean; outcome?: string | null }): string {
  return c.closed ? (c.outcome ?? 'closed') : 'open';
}

/** An ISO instant (UTC) as "YYYY-MM-DD HH:MM UTC" for tables. */
export function fmtInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

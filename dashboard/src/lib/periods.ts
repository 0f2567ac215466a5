/**
 * Month-based default ranges per page (docs/dashboard.md "Default ranges"): a page
 * opens on whole calendar months that suit it, ending with the last month the
 * data cover completely. Pure, unit-tested; the shell writes the range into the
 * URL so that the opened view is shareable as it is.
 */
import { addMonths, lastDayOfMonth, monthOf } from './dates.ts';

export type RangeKind = 'lastMonth' | 'last3' | 'last12' | 'transitions12' | 'vintages24';

/** The latest month whose last day is on or before the as-of date. */
export function lastCompleteMonth(asOfDate: string): string {
  const m = monthOf(asOfDate);
  return lastDayOfMonth(m) === asOfDate ? m : addMonths(m, -1);
}

/** Whether `month` ends after the as-of date (its figures are "to date"). */
export function isPartialMonth(month: string, asOfDate: string): boolean {
  return lastDayOfMonth(month) > asOfDate;
}

export interface DefaultRange {
  from: string;
  to: string;
  /** What the range is, in words, for the page head. */
  label: string;
}

function months(first: string, last: string) {
  return { from: `${first}-01`, to: lastDayOfMonth(last) };
}

export function defaultRangeFor(kind: RangeKind, asOfDate: string): DefaultRange {
  const last = lastCompleteMonth(asOfDate);
  switch (kind) {
    case 'lastMonth':
      return { ...months(last, last), label: `last complete month (${last})` };
    case 'last3':
      return {
        ...months(addMonths(last, -2), last),
        label: `last 3 complete months (${addMonths(last, -2)} to ${last})`,
      };
    case 'last12':
      return {
        ...months(addMonths(last, -11), last),
        label: `last 12 complete months (${addMonths(last, -11)} to ${last})`,
      };
    case 'transitions12':
      // Roll rates compare each month-end with the next: 12 transitions need 13 month-ends.
      return {
        ...months(addMonths(last, -12), last),
        label: `the 12 monthly transitions of the last 12 complete months (${addMonths(last, -11)} to ${last})`,
      };
    case 'vintages24':
      return {
        ...months(addMonths(last, -23), last),
        label: `24 months of vintages (${addMonths(last, -23)} to ${last})`,
      };
  }
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * First and last day of a period as `explore` names it for its grain (DAY
 * YYYY-MM-DD, WEEK its Monday, MONTH YYYY-MM, QUARTER YYYY-Qn, YEAR YYYY).
 */
export function periodBounds(period: string, grain: string): { first: string; last: string } {
  switch (grain.toLowerCase()) {
    case 'day':
      return { first: period, last: period };
    case 'week':
      return { first: period, last: addDays(period, 6) };
    case 'month':
      return { first: `${period}-01`, last: lastDayOfMonth(period) };
    case 'quarter': {
      const [y, q] = period.split('-Q') as [string, string];
      const m = (Number(q) - 1) * 3 + 1;
      const first = `${y}-${String(m).padStart(2, '0')}`;
      return { first: `${first}-01`, last: lastDayOfMonth(addMonths(first, 2)) };
    }
    case 'year':
      return { first: `${period}-01-01`, last: `${period}-12-31` };
    default:
      throw new Error(`unknown grain ${grain}`);
  }
}

/**
 * How a period is cut: 'toDate' when it ends after the last day with data (the
 * as-of date, or the range's end), 'cut' when it starts before the range
 * (e.g. a week that began before `from`); null when whole.
 */
export function periodCut(
  period: string,
  grain: string,
  range: { from: string; to: string; asOf: string },
): 'toDate' | 'cut' | null {
  const { first, last } = periodBounds(period, grain);
  const end = range.asOf && range.asOf < range.to ? range.asOf : range.to;
  if (last > end) return 'toDate';
  if (first < range.from) return 'cut';
  return null;
}

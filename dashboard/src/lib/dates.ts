/** Calendar arithmetic on YYYY-MM-DD / YYYY-MM strings (UTC, no time zones involved). */

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** Inclusive list of months from `a` to `b` (empty when a > b). */
export function monthRange(a: string, b: string): string[] {
  const out: string[] = [];
  for (let m = a; m <= b; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Origin months for roll rates in a date window: each origin month m is compared
 * with m+1 (docs/metrics/README.md), so the last origin is the month before `to`'s month.
 */
export function rollRateMonths(from: string, to: string): { fromMonth: string; toMonth: string } {
  const fromMonth = monthOf(from);
  let toMonth = addMonths(monthOf(to), -1);
  if (toMonth < fromMonth) toMonth = fromMonth;
  return { fromMonth, toMonth };
}

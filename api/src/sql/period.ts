/**
 * Reporting periods (docs/metrics/README.md: `[from, to]` are calendar dates in REPORT_TZ,
 * inclusive of both days). Instants are compared against local midnights so
 * that partition pruning on `occurred_at` still works. Parameters used:
 * `{from:Date32}`, `{to:Date32}`, `{tz:String}` unless other names are given.
 */

/** `col` falls on a day in [from, to] in the reporting time zone. */
export function inPeriodSql(col: string, from = 'from', to = 'to', tz = 'tz'): string {
  return `(${col} >= toDateTime64({${from}:Date32}, 3, {${tz}:String}) AND ${col} < toDateTime64(addDays({${to}:Date32}, 1), 3, {${tz}:String}))`;
}

/** The instant at midnight after day `dateSql` (a Date32 expression) in the reporting time zone. */
export function endOfDaySql(dateSql: string, tz = 'tz'): string {
  return `toDateTime64(addDays(${dateSql}, 1), 3, {${tz}:String})`;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** Months since year 0 of a YYYY-MM-DD date (0 = January of year 0). */
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const firstOfMonth = (index: number) => iso(Date.UTC(Math.floor(index / 12), index % 12, 1));
const lastOfMonth = (index: number) => iso(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0));

/** `YYYY-MM` plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  return firstOfMonth(monthIndex(month) + n).slice(0, 7);
}

/** The last day (YYYY-MM-DD) of a month YYYY-MM. */
export function lastDayOfMonth(month: string): string {
  return lastOfMonth(monthIndex(month));
}

/**
 * `[from, to]` (both inclusive) is whole calendar months: `from` is the 1st of a
 * month and `to` the last day of a month (docs/metrics/kpis.md, kpis `previous`).
 */
export function isWholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && to === lastOfMonth(monthIndex(to));
}

/**
 * The previous period (docs/metrics/kpis.md, kpis): for whole calendar months, the same number
 * of calendar months just before (October → September, a quarter → the quarter
 * before); otherwise the period of equal length just before `from`.
 */
export function previousPeriod(from: string, to: string): Period {
  const start = dayMs(from);
  if (isWholeMonths(from, to)) {
    const months = monthIndex(to) - monthIndex(from) + 1;
    return { from: firstOfMonth(monthIndex(from) - months), to: iso(start - DAY_MS) };
  }
  const days = Math.round((dayMs(to) - start) / DAY_MS) + 1;
  return { from: iso(start - days * DAY_MS), to: iso(start - DAY_MS) };
}

/**
 * The same period a year earlier: the same calendar months for whole months
 * (February 2025 → February 2024 up to its 29th), otherwise the same dates a
 * year earlier, 29 February → 28 February.
 */
export function yearAgoPeriod(from: string, to: string): Period {
  if (isWholeMonths(from, to))
    return { from: firstOfMonth(monthIndex(from) - 12), to: lastOfMonth(monthIndex(to) - 12) };
  const back = (date: string) => {
    const last = lastOfMonth(monthIndex(date) - 12);
    const day = `${last.slice(0, 8)}${date.slice(8)}`;
    return day > last ? last : day;
  };
  return { from: back(from), to: back(to) };
}

/**
 * First day of the month of a Date32 expression, as a Date32. ClickHouse's
 * toStartOfMonth returns a Date (1970-01-01 … 2149-06-06), which saturates for
 * later dates: toStartOfMonth(toDate32('2299-12-31')) is 2149-06-06.
 */
export function startOfMonthSql(date32: string): string {
  return `(${date32} - (toDayOfMonth(${date32}) - 1))`;
}

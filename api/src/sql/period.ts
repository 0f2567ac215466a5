/**
 * Reporting periods (SPEC §4: `[from, to]` are calendar dates in REPORT_TZ,
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

/** Params for a period: the previous period of equal length just before `from` (SPEC §4 KPIs). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const day = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((end - start) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(start - days * day), to: iso(start - day) };
}

/**
 * First day of the month of a Date32 expression, as a Date32. ClickHouse's
 * toStartOfMonth returns a Date (1970-01-01 … 2149-06-06), which saturates for
 * later dates: toStartOfMonth(toDate32('2299-12-31')) is 2149-06-06.
 */
export function startOfMonthSql(date32: string): string {
  return `(${date32} - (toDayOfMonth(${date32}) - 1))`;
}

/**
 * A reporting period `[from, to]` (calendar dates in REPORT_TZ, docs/metrics/agent-performance.md) split
 * into the whole UTC days inside it, served by per-UTC-day roll-ups, and the
 * rest (the partial days at both edges, under 24 h each), served by the
 * per-event tables. Derived tables cannot depend on REPORT_TZ (docs/metrics/agent-performance.md),
 * so they roll up by UTC day and the split happens here.
 *
 * The block is [FIRST_DAY, END_DAY) as dates, [FIRST_DAY 00:00Z, END_DAY 00:00Z)
 * as instants: FIRST_DAY is the first UTC day starting at or after the period's
 * start, END_DAY the UTC day holding the period's end (exclusive). When the
 * period holds no whole UTC day the block is empty and everything is an edge.
 * Parameters: `{from:Date32}`, `{to:Date32}`, `{tz:String}`.
 */
import { startOfMonthSql } from '../../sql/period.ts';

const START = `toDateTime64({from:Date32}, 3, {tz:String})`;
const END = `toDateTime64(addDays({to:Date32}, 1), 3, {tz:String})`;

/** First whole UTC day of the period (a Date32). */
export const FIRST_DAY_SQL = `toDate32(${START} + toIntervalMillisecond(86399999), 'UTC')`;
/** The UTC day after the last whole one (a Date32, exclusive). */
export const END_DAY_SQL = `toDate32(${END}, 'UTC')`;

/** First day of the first whole UTC month inside the whole days (a Date32). */
export const FIRST_MONTH_SQL = `if(toDayOfMonth(${FIRST_DAY_SQL}) = 1, ${FIRST_DAY_SQL},
  addMonths(${startOfMonthSql(FIRST_DAY_SQL)}, 1))`;
/** First day of the UTC month after the last whole one (a Date32, exclusive). */
export const END_MONTH_SQL = startOfMonthSql(END_DAY_SQL);

/** `month` (first day of a UTC month) is a whole month of the period. */
export function inWholeMonthsSql(month: string): string {
  return `(${month} >= ${FIRST_MONTH_SQL} AND ${month} < ${END_MONTH_SQL})`;
}

/** `day` is a whole UTC day of the period outside its whole months. */
export function inWholeDaysOutsideMonthsSql(day: string): string {
  return `(${inWholeDaysSql(day)} AND (${day} < ${FIRST_MONTH_SQL} OR ${day} >= ${END_MONTH_SQL}))`;
}

/** `day` (a UTC date column) is one of the period's whole UTC days. */
export function inWholeDaysSql(day: string): string {
  return `(${day} >= ${FIRST_DAY_SQL} AND ${day} < ${END_DAY_SQL})`;
}

/** `day` (a UTC date column) is a partial day at an edge of the period. */
export function inEdgeDaysSql(day: string): string {
  return `(${day} >= toDate32(${START}, 'UTC') AND ${day} <= ${END_DAY_SQL}
    AND (${day} < ${FIRST_DAY_SQL} OR ${day} >= ${END_DAY_SQL}))`;
}

/** `col` (a UTC instant) falls in the period but outside its whole UTC days (prunes by `col`). */
export function inEdgesSql(col: string): string {
  return `(${col} >= ${START} AND ${col} < ${END}
    AND (${col} < toDateTime64(${FIRST_DAY_SQL}, 3, 'UTC') OR ${col} >= toDateTime64(${END_DAY_SQL}, 3, 'UTC')))`;
}

/** Argument checks shared by resolvers (docs/api.md#errors). Each throws BAD_USER_INPUT. */
import { badInput, echo } from './errors.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The dates ClickHouse's Date32 and DateTime64 hold: outside them values saturate
 * or wrap silently, so a date outside is refused rather than answered wrongly.
 */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2299-12-31';

export function parseMonth(name: string, value: string): string {
  if (!MONTH.test(value)) throw badInput(`${name} must be a month as YYYY-MM, got ${echo(value)}.`);
  checkInRange(name, value, FIRST_DATE.slice(0, 7), LAST_DATE.slice(0, 7));
  return value;
}

export function parseDate(name: string, value: string): string {
  const match = DATE.exec(value);
  const valid =
    match !== null &&
    (() => {
      const d = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
    })();
  if (!valid) throw badInput(`${name} must be a calendar date as YYYY-MM-DD, got ${echo(value)}.`);
  checkInRange(name, value, FIRST_DATE, LAST_DATE);
  return value;
}

function checkInRange(name: string, value: string, first: string, last: string): void {
  if (value < first || value > last)
    throw badInput(`${name} must be from ${first} to ${last}, got ${value}.`);
}

/** `from` and `to` as dates with from ≤ to. */
export function parseDateRange(from: string, to: string): { from: string; to: string } {
  parseDate('from', from);
  parseDate('to', to);
  if (from > to) throw badInput(`from (${from}) is after to (${to}).`);
  return { from, to };
}

export function parseMonthRange(
  fromName: string,
  from: string,
  toName: string,
  to: string,
): { from: string; to: string } {
  parseMonth(fromName, from);
  parseMonth(toName, to);
  if (from > to) throw badInput(`${fromName} (${from}) is after ${toName} (${to}).`);
  return { from, to };
}

export function parseLimit(limit: number, max = 1000): number {
  if (!Number.isInteger(limit) || limit < 0 || limit > max)
    throw badInput(`limit must be between 0 and ${max}, got ${limit}.`);
  return limit;
}

export function parseOffset(offset: number): number {
  if (!Number.isInteger(offset) || offset < 0)
    throw badInput(`offset must be 0 or more, got ${offset}.`);
  return offset;
}

/** Months in `[from, to]` (both `YYYY-MM`), inclusive. */
export function monthSpan(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(to) - index(from) + 1;
}

/** Refuses a month range longer than `max` months (keeps a query's size bounded). */
export function parseMonthSpan(from: string, to: string, max: number): void {
  const span = monthSpan(from, to);
  if (span > max)
    throw badInput(
      `The month range ${from} … ${to} spans ${span} months; at most ${max} are allowed.`,
    );
}

/** An integer argument within [min, max]. */
export function parseIntIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${name} must be a whole number from ${min} to ${max}, got ${value}.`);
  return value;
}

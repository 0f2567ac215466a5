/**
 * Calendar arithmetic for the generator. Days are whole days since 1970-01-01
 * of a calendar (local) date; instants are UTC epoch milliseconds. A local wall
 * time on day `d` at offset `off` minutes is the instant `d·DAY + minutes − off`.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Month index = year·12 + month0, so consecutive months are consecutive integers. */
export function parseMonth(month: string): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM, got "${month}"`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthName(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Day number of the first day of a month index. */
export function monthStartDay(index: number): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY;
}

export function daysInMonth(index: number): number {
  return monthStartDay(index + 1) - monthStartDay(index);
}

/** Day number of the `dom`-th day (1-based) of a month index. */
export function dayOfMonth(index: number, dom: number): number {
  return monthStartDay(index) + dom - 1;
}

const dateCache = new Map<number, string>();

/** YYYY-MM-DD of a day number (memoised: the generator formats the same few thousand days millions of times). */
export function dateString(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY).toISOString().slice(0, 10);
    dateCache.set(day, text);
  }
  return text;
}

/** Instant of a local wall time (minutes after local midnight, may be fractional). */
export function localInstant(day: number, minutes: number, offsetMinutes: number): number {
  return Math.round(day * DAY + minutes * MINUTE - offsetMinutes * MINUTE);
}

/** Local calendar day of an instant. */
export function localDay(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * MINUTE) / DAY);
}

/**
 * RFC 3339 text of an instant: `Z` when `offsetMinutes` is null, else the local
 * wall time with its numeric offset (`+08:00`, `-05:00`). Milliseconds are
 * written only when non-zero.
 */
export function rfc3339(ms: number, offsetMinutes: number | null): string {
  const off = offsetMinutes ?? 0;
  const local = ms + off * MINUTE;
  const day = Math.floor(local / DAY);
  let rest = local - day * DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  let text = `${dateString(day)}T${pad2(hour)}:${pad2(min)}:${pad2(sec)}`;
  if (millis !== 0) text += `.${String(millis).padStart(3, '0')}`;
  if (offsetMinutes === null) return text + 'Z';
  const abs = Math.abs(off);
  return `${text}${off < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

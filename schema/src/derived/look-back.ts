/**
 * A derived table's look-back (DerivedTable.lookBack): what its refresh reads again
 * before the loads' earliest instant, because a row written earlier depends on it
 * (docs/etl.md, Bounded in time). Declared once per table; the SQL bounds of the
 * duration, day and month kinds take their number from here (lookBackSql,
 * lookAheadSql, lookBackMs), and docs/etl.md's look-back column is checked against
 * lookBackLabel (look-back.test.ts).
 */

/** The kinds of look-back; `why` says in a few words what makes the table need it. */
export type LookBack =
  /** nothing before the instant: the row keeps what it stands for (a set, a minimum) */
  | { readonly kind: 'none'; readonly why: string }
  /**
   * a duration of `hours` before (and, for a trailing window, after) the instant;
   * `slackHours` more are read so that a local day around it is whole
   */
  | {
      readonly kind: 'hours';
      readonly hours: number;
      readonly slackHours?: number;
      readonly why: string;
    }
  /** from the start of the instant's UTC day */
  | { readonly kind: 'utcDay'; readonly why: string }
  /** from `days` days before the day of `before` (a window starting before its anchor) */
  | { readonly kind: 'days'; readonly days: number; readonly before: string; readonly why: string }
  /** from the start of the month `months` calendar months before the instant's */
  | { readonly kind: 'months'; readonly months: number; readonly why: string }
  /** the latest `of` (at or before an instant), however old */
  | { readonly kind: 'latest'; readonly of: string }
  /** all of the key's rows: the refresh recomputes a touched key whole */
  | { readonly kind: 'wholeKey'; readonly why: string };

const HOUR_MS = 3_600_000;

/** Hours a duration look-back reads back (its window and its slack). */
function readHours(lookBack: LookBack): number {
  if (lookBack.kind !== 'hours') throw new Error(`look-back ${lookBack.kind} is not a duration`);
  return lookBack.hours + (lookBack.slackHours ?? 0);
}

/**
 * SQL of the earliest instant (or day) the refresh reads for `at`, an SQL expression:
 * `at` − the duration (DateTime64), `at`'s month − `months` (first day), or the day `at`
 * − `days` (Date32). Other kinds have no bound to compute.
 */
export function lookBackSql(lookBack: LookBack, at: string): string {
  switch (lookBack.kind) {
    case 'hours':
      return `${at} - toIntervalHour(${readHours(lookBack)})`;
    case 'months':
      return `addMonths(toStartOfMonth(${at}), -${lookBack.months})`;
    case 'days':
      return `addDays(${at}, -${lookBack.days})`;
    default:
      throw new Error(`look-back ${lookBack.kind} has no SQL bound`);
  }
}

/**
 * SQL of the latest instant a duration look-back reaches after `at`: an event at `at`
 * changes the rows of a trailing window that ends up to that long after it.
 */
export function lookAheadSql(lookBack: LookBack, at: string): string {
  return `${at} + toIntervalHour(${readHours(lookBack)})`;
}

/** A duration look-back in milliseconds: `window` alone, or with its slack (`read`). */
export function lookBackMs(lookBack: LookBack, part: 'window' | 'read' = 'read'): number {
  const read = readHours(lookBack);
  return (part === 'window' && lookBack.kind === 'hours' ? lookBack.hours : read) * HOUR_MS;
}

/** The days of a day look-back. */
export function lookBackDays(lookBack: LookBack): number {
  if (lookBack.kind !== 'days') throw new Error(`look-back ${lookBack.kind} is not in days`);
  return lookBack.days;
}

function hoursText(hours: number): string {
  return hours > 24 && hours % 24 === 0 ? `${hours / 24} × 24 h` : `${hours} h`;
}

/** The look-back as docs/etl.md's table states it. */
export function lookBackLabel(lookBack: LookBack): string {
  switch (lookBack.kind) {
    case 'none':
      return `none (${lookBack.why})`;
    case 'hours': {
      const slack = lookBack.slackHours ? ` + ${hoursText(lookBack.slackHours)}` : '';
      return `${hoursText(lookBack.hours)}${slack} (${lookBack.why})`;
    }
    case 'utcDay':
      return `the UTC day (${lookBack.why})`;
    case 'days':
      return `${lookBack.days === 1 ? 'the day' : `${lookBack.days} days`} before ${lookBack.before} (${lookBack.why})`;
    case 'months':
      return `${lookBack.months === 1 ? 'one month' : `${lookBack.months} months`} (${lookBack.why})`;
    case 'latest':
      return `the latest ${lookBack.of}`;
    case 'wholeKey':
      return `all of the key's rows (${lookBack.why})`;
  }
}

/** The `month` of GET /report.pdf: YYYY-MM within the dates the API accepts. Pure. */
import { echo } from '../errors.ts';
import { FIRST_DATE, LAST_DATE } from '../validate.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type ReportMonth = { ok: true; month: string } | { ok: false; message: string };

export function reportPdfMonth(value: string | null): ReportMonth {
  if (value === null || value === '')
    return { ok: false, message: 'Give the month of the report: /report.pdf?month=YYYY-MM.' };
  if (!MONTH.test(value))
    return { ok: false, message: `month must be a month as YYYY-MM, got ${echo(value)}.` };
  const [first, last] = [FIRST_DATE.slice(0, 7), LAST_DATE.slice(0, 7)];
  if (value < first || value > last)
    return { ok: false, message: `month must be from ${first} to ${last}, got ${value}.` };
  return { ok: true, month: value };
}

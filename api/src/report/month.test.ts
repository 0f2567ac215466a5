import { describe, expect, it } from 'vitest';
import { reportPdfMonth } from './month.ts';

describe('reportPdfMonth', () => {
  it('accepts YYYY-MM within the dates the API holds', () => {
    expect(reportPdfMonth('2026-10')).toEqual({ ok: true, month: '2026-10' });
    expect(reportPdfMonth('1900-01')).toEqual({ ok: true, month: '1900-01' });
  });
  it('refuses anything else, saying what it expects', () => {
    expect(reportPdfMonth(null)).toEqual({
      ok: false,
      message: 'Give the month of the report: /report.pdf?month=YYYY-MM.',
    });
    expect(reportPdfMonth('2026-1')).toEqual({
      ok: false,
      message: 'month must be a month as YYYY-MM, got "2026-1".',
    });
    expect(reportPdfMonth('2026-10-01').ok).toBe(false);
    expect(reportPdfMonth('1899-12')).toEqual({
      ok: false,
      message: 'month must be from 1900-01 to 2299-12, got 1899-12.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Filters } from '../../lib/filters.ts';
import { caseFilter, caseOffset, caseStatus, fmtInstant, pageScope } from './cases.ts';

const filters: Filters = {
  from: '2026-08-01',
  to: '2026-10-31',
  portfolios: ['cards'],
  products: [],
  regions: [],
  riskGrades: [],
};

describe('case drill-down', () => {
  it('turns the date range, the portfolio filters and the page settings into one CaseFilter', () => {
    // the global filters go into CaseFilter (cases(portfolio:) is deprecated); empty lists are left out
    expect(caseFilter(filters, new URLSearchParams(''))).toEqual({
      openedFrom: '2026-08-01',
      openedTo: '2026-10-31',
      portfolios: ['cards'],
    });
    expect(
      caseFilter(filters, new URLSearchParams('strategy=soft&outcome=open&bucket=M2&team=')),
    ).toEqual({
      openedFrom: '2026-08-01',
      openedTo: '2026-10-31',
      portfolios: ['cards'],
      strategies: ['soft'],
      outcomes: ['open'],
      entryBuckets: ['M2'],
    });
  });

  it('reads the offset as a whole page, ignoring nonsense', () => {
    expect(caseOffset(new URLSearchParams('offset=100'))).toBe(100);
    // 120 is inside the third page of 50 (rows 101–150): its start is 100
    expect(caseOffset(new URLSearchParams('offset=120'))).toBe(100);
    expect(caseOffset(new URLSearchParams('offset=-50'))).toBe(0);
    expect(caseOffset(new URLSearchParams('offset=abc'))).toBe(0);
  });

  it('says which rows a page holds', () => {
    expect(pageScope(50, 50, 1234)).toBe('rows 51–100 of 1,234');
    expect(pageScope(0, 0, 0)).toBeNull();
  });

  it('shows a case as open or by its closing outcome, instants in UTC', () => {
    expect(caseStatus({ closed: false, outcome: null })).toBe('open');
    expect(caseStatus({ closed: true, outcome: 'cured' })).toBe('cured');
    expect(fmtInstant('2026-09-03T14:05:00.000Z')).toBe('2026-09-03 14:05 UTC');
    expect(fmtInstant(null)).toBe('—');
  });
});

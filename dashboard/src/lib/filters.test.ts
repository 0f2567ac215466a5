import { describe, expect, it } from 'vitest';
import { isDate, parseFilters, portfolioFilter, writeFilters } from './filters.ts';
import { addMonths, lastDayOfMonth, monthRange, rollRateMonths } from './dates.ts';
import { toCsv } from './csv.ts';

const defaults = { from: '2026-01-01', to: '2026-03-31' };

describe('filters in the URL', () => {
  it('round-trips through URL params, dropping empty lists', () => {
    const f = {
      from: '2026-02-01',
      to: '2026-02-28',
      portfolios: ['retail'],
      products: ['credit_card', 'auto_loan'],
      regions: [],
      riskGrades: ['A'],
    };
    const params = writeFilters(new URLSearchParams('tab=x'), f);
    expect(params.get('tab')).toBe('x');
    expect(params.has('region')).toBe(false);
    expect(params.get('product')).toBe('credit_card,auto_loan');
    expect(parseFilters(params, defaults)).toEqual(f);
  });
  it('falls back to defaults on invalid dates and swaps a reversed range', () => {
    expect(parseFilters(new URLSearchParams('from=2026-02-30&to=x'), defaults)).toMatchObject(
      defaults,
    );
    expect(
      parseFilters(new URLSearchParams('from=2026-03-01&to=2026-01-01'), defaults),
    ).toMatchObject({ from: '2026-01-01', to: '2026-03-01' });
  });
  it('trims and de-duplicates list values', () => {
    const f = parseFilters(new URLSearchParams('region=north, south,,north'), defaults);
    expect(f.regions).toEqual(['north', 'south']);
  });
  it('builds a PortfolioFilter only from restricted dimensions', () => {
    const f = parseFilters(new URLSearchParams('grade=B'), defaults);
    expect(portfolioFilter(f)).toEqual({ riskGrades: ['B'] });
    expect(portfolioFilter(parseFilters(new URLSearchParams(), defaults))).toBeNull();
  });
  it('validates calendar dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-2-01')).toBe(false);
  });
});

describe('month arithmetic', () => {
  it('adds months across years and lists ranges', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
  });
  it('picks roll-rate origin months ending the month before `to`', () => {
    // origins Jan and Feb, each compared with the month after (Feb, Mar)
    expect(rollRateMonths('2026-01-01', '2026-03-15')).toEqual({
      fromMonth: '2026-01',
      toMonth: '2026-02',
    });
    // a window inside one month still asks for that origin month
    expect(rollRateMonths('2026-03-01', '2026-03-31')).toEqual({
      fromMonth: '2026-03',
      toMonth: '2026-03',
    });
  });
});

describe('toCsv', () => {
  it('quotes separators and quotes, neutralises formulas, keeps negative numbers', () => {
    const csv = toCsv(
      [
        { label: 'name', value: (r: { n: string; v: number | null }) => r.n },
        { label: 'value', value: (r) => r.v },
      ],
      [
        { n: 'a,b', v: -1.5 },
        { n: 'say "hi"', v: null },
        { n: '=SUM(A1)', v: 2 },
      ],
    );
    expect(csv).toBe('name,value\r\n"a,b",-1.5\r\n"say ""hi""",\r\n\'=SUM(A1),2\r\n');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { currencyCode, fmtMoney, setCurrency } from './money.ts';

afterEach(() => setCurrency('CNY'));

describe('fmtMoney', () => {
  it('labels every amount with the currency, CNY by default', () => {
    expect(currencyCode()).toBe('CNY');
    expect(fmtMoney(2_800_000)).toBe('CNY 2,800,000');
    // rounded to whole units: 1 234.5 → 1 235 (half away from zero)
    expect(fmtMoney(1234.5)).toBe('CNY 1,235');
    expect(fmtMoney(-300)).toBe('-CNY 300');
    expect(fmtMoney(5.498, { cents: true })).toBe('CNY 5.50');
    expect(fmtMoney(null)).toBe('—');
  });

  it('shortens amounts on axes and follows the configured currency', () => {
    expect(fmtMoney(2_800_000, { compact: true })).toBe('CNY 2.8M');
    expect(fmtMoney(700_000, { compact: true })).toBe('CNY 700K');
    setCurrency('EUR');
    expect(fmtMoney(950)).toBe('EUR 950');
    expect(fmtMoney(1_500_000, { compact: true })).toBe('EUR 1.5M');
  });
});

/** The pure parts of the filter checks: suggestions and the messages that carry them. */
import { describe, expect, it } from 'vitest';
import { closestValues } from './closest.ts';
import { checkFilterDimensions, unknownValueMessage } from './filter-check.ts';
import { ACCOUNT_DIMENSIONS } from './portfolio-filter.ts';

describe('closestValues', () => {
  it('orders known values by edit distance, ignoring case, ties alphabetically', () => {
    // nrth → north 1 (insert o), south 3 (n→s, insert o, insert u… : s-o-u-t-h vs n-r-t-h = 3), east 4
    expect(closestValues('nrth', ['east', 'south', 'north'])).toEqual(['north', 'south', 'east']);
    // NORTH vs north: 0 once lowercased
    expect(closestValues('NORTH', ['south', 'north'], 1)).toEqual(['north']);
    // ab → aa 1, bb 1 (tie: alphabetical), cc 2
    expect(closestValues('ab', ['cc', 'bb', 'aa'], 2)).toEqual(['aa', 'bb']);
  });
});

describe('unknownValueMessage', () => {
  it('names the dimension, the value and the closest known values', () => {
    expect(unknownValueMessage('regions', 'nrth', ['south', 'north'])).toBe(
      'filter.regions has the unknown value "nrth"; the closest known: north, south (the dimensions query lists them all).',
    );
  });

  it('says so when nothing of the dimension is loaded, and names the argument', () => {
    expect(unknownValueMessage('strategies', 'x', [], 'portfolio')).toBe(
      'portfolio.strategies has the unknown value "x": no strategies are loaded yet.',
    );
  });
});

describe('checkFilterDimensions', () => {
  it('returns the dimensions given (empty lists do not count)', () => {
    expect(
      checkFilterDimensions('kpis', { regions: ['north'], products: [] }, ACCOUNT_DIMENSIONS),
    ).toEqual(['regions']);
    expect(checkFilterDimensions('kpis', null, ACCOUNT_DIMENSIONS)).toEqual([]);
  });

  it('refuses a dimension the metric cannot honour, naming those it can', () => {
    expect(() =>
      checkFilterDimensions('kpis', { strategies: ['sms_first'] }, ACCOUNT_DIMENSIONS),
    ).toThrow(
      'kpis cannot be filtered by strategies: its filter takes portfolios, products, regions, riskGrades.',
    );
  });
});

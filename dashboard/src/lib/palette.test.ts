import { describe, expect, it } from 'vitest';
import { BUCKET_COLOUR, rateDomain } from './palette.ts';

describe('palette', () => {
  it('gives every bucket its own colour (M0 and charged off no longer share one)', () => {
    const colours = Object.values(BUCKET_COLOUR);
    expect(new Set(colours).size).toBe(colours.length);
    expect(BUCKET_COLOUR.M0).not.toBe(BUCKET_COLOUR.CHARGED_OFF);
  });

  it('fits a rate axis to the data and never above 100 % unless the data are', () => {
    // all 0 %: a small axis, not 0–400 %
    expect(rateDomain([0, 0, null])).toEqual([0, 0.1]);
    // max 23 % → next 10 % step 30 %
    expect(rateDomain([0.05, 0.23])).toEqual([0, 0.3]);
    // exactly 40 % stays 40 %
    expect(rateDomain([0.4])).toEqual([0, 0.4]);
    // 97 % → 100 %, not 110 %
    expect(rateDomain([0.97])).toEqual([0, 1]);
    // data above 1 (a ratio) keeps its own ceiling: 1.34 → 1.4
    expect(rateDomain([1.34])).toEqual([0, 1.4]);
  });
});

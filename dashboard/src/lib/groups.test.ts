import { describe, expect, it } from 'vitest';
import { DIMENSION_LABELS, groupDimensions } from './groups.ts';

describe('grouped reports', () => {
  it('sends the Dimension enum for the URL group names (groupBy strings are deprecated)', () => {
    expect(groupDimensions(['strategy', 'entry_bucket', 'kind'])).toEqual([
      'STRATEGY',
      'ENTRY_BUCKET',
      'PLAN_KIND',
    ]);
    // every name a page offers (they are the labelled ones) has its dimension
    expect(groupDimensions(Object.keys(DIMENSION_LABELS))).toHaveLength(8);
    expect(() => groupDimensions(['colour'])).toThrow('colour');
  });
});

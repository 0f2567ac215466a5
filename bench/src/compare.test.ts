import { describe, expect, it } from 'vitest';
import { compareCanonical } from './compare.ts';

describe('compareCanonical', () => {
  it('accepts the same numbers, and a rate off by one unit in the 6th place', () => {
    const r = compareCanonical('m', [
      { label: 'A', canonical: [{ k: 'x', n: 3, rate: 0.333333 }] },
      { label: 'B', canonical: [{ k: 'x', n: 3, rate: 0.333334 }] },
    ]);
    expect(r).toEqual({ metric: 'm', agree: true, compared: ['A', 'B'] });
  });
  it('names the first difference', () => {
    const r = compareCanonical('m', [
      { label: 'A', canonical: [{ k: 'x', amount: 10.5 }] },
      { label: 'B', canonical: [{ k: 'x', amount: 10.51 }] },
    ]);
    expect(r.agree).toBe(false);
    expect(r.detail).toContain('row 0 amount: A 10.5 vs B 10.51');
  });
  it('reports different row counts', () => {
    const r = compareCanonical('m', [
      { label: 'A', canonical: [{ k: 'x' }] },
      { label: 'B', canonical: [] },
    ]);
    expect(r).toMatchObject({ agree: false, detail: 'A has 1 rows, B 0' });
  });
});

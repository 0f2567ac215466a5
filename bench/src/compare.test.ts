import { describe, expect, it } from 'vitest';
import { canonicalRows, compareCanonical } from './compare.ts';

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

describe('canonicalRows', () => {
  it('ignores row order and float noise beyond 9 significant digits', () => {
    // 0.1 + 0.2 = 0.30000000000000004 reads 0.3; 1/3 summed another way differs in the 17th digit.
    const a = canonicalRows([
      { k: 'x', v: 0.1 + 0.2 },
      { k: 'y', v: 1 / 3 },
    ]);
    const b = canonicalRows([
      { k: 'y', v: 1 - 2 / 3 },
      { k: 'x', v: 0.3 },
    ]);
    expect(a).toBe(b);
    expect(canonicalRows([{ k: 'x', v: 0.3001 }])).not.toBe(canonicalRows([{ k: 'x', v: 0.3 }]));
  });
});

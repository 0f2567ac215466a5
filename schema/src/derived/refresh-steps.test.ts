/** keyRanges: the ranges of keys a sliced refresh runs over (pure; no database). */
import { describe, expect, it } from 'vitest';
import { ALL_KEYS, keyRanges } from './refresh-steps.ts';

const range = (slice_lo: string, slice_hi: string, slice_last: number) => ({
  slice_lo,
  slice_hi,
  slice_last,
});

describe('keyRanges', () => {
  it('is one range of every key when the rows fit one slice', () => {
    expect(keyRanges(3, ['a', 'b', 'c'], 3)).toEqual([ALL_KEYS]);
    expect(keyRanges(0, [], 3)).toEqual([ALL_KEYS]);
  });

  it('cuts at the sample keys of each slice boundary, consecutive, the last one open', () => {
    // 10 rows in slices of 3 → 4 slices; 5 sampled keys: cuts at positions ⌊i·5/4⌋ = 1, 2, 3.
    expect(keyRanges(10, ['a', 'b', 'c', 'd', 'e'], 3)).toEqual([
      range('', 'b', 0),
      range('b', 'c', 0),
      range('c', 'd', 0),
      range('d', '', 1),
    ]);
  });

  it('cuts once per distinct key: a key never spans two ranges', () => {
    // 6 rows, one per slice: cuts at positions 1…5 of x, x, x, y, y, y → x, y.
    expect(keyRanges(6, ['x', 'x', 'x', 'y', 'y', 'y'], 1)).toEqual([
      range('', 'x', 0),
      range('x', 'y', 0),
      range('y', '', 1),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { bucketOf, bucketRank, BUCKETS } from './domain.ts';

describe('bucketOf (docs/metrics/README.md#buckets)', () => {
  it.each([
    [0, 'M0'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [91, 'M4'],
    [120, 'M4'],
    [121, 'M5'],
    [150, 'M5'],
    [151, 'M6'],
    [180, 'M6'],
    [181, 'M7_PLUS'],
    [4000, 'M7_PLUS'],
  ])('open account at dpd %i is %s', (dpd, bucket) => {
    expect(bucketOf('open', dpd)).toBe(bucket);
  });

  it('status wins over dpd', () => {
    expect(bucketOf('charged_off', 0)).toBe('CHARGED_OFF');
    expect(bucketOf('closed', 200)).toBe('CLOSED');
  });

  it('ranks buckets from M0 to CHARGED_OFF and leaves CLOSED unranked', () => {
    expect(bucketRank('M0')).toBe(0);
    expect(bucketRank('M7_PLUS')).toBe(7);
    expect(bucketRank('CHARGED_OFF')).toBe(8);
    expect(bucketRank('CLOSED')).toBeNull();
    expect(BUCKETS).toHaveLength(10);
  });
});

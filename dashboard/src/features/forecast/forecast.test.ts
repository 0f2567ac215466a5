import { describe, expect, it } from 'vitest';
import { presentBuckets, projectionRows } from './forecast.ts';

describe('projectionRows', () => {
  it('puts the start month first and fills absent buckets with 0', () => {
    // start 2026-10: 90 accounts M0 (9 000), 10 in M1 (2 000);
    // projected 2026-11: 88 M0, 9 M1, 3 charged off (balances likewise)
    const rows = projectionRows(
      '2026-10',
      [
        { bucket: 'M0', accounts: 90, balance: 9000 },
        { bucket: 'M1', accounts: 10, balance: 2000 },
      ],
      [
        {
          month: '2026-11',
          buckets: [
            { bucket: 'M0', accounts: 88, balance: 8800 },
            { bucket: 'M1', accounts: 9, balance: 1800 },
            { bucket: 'CHARGED_OFF', accounts: 3, balance: 400 },
          ],
        },
      ],
      'count',
    );
    expect(rows[0]).toMatchObject({ month: '2026-10', M0: 90, M1: 10, CHARGED_OFF: 0 });
    expect(rows[1]).toMatchObject({ month: '2026-11', M0: 88, M1: 9, CHARGED_OFF: 3, M2: 0 });
    expect(presentBuckets(rows)).toEqual(['M0', 'M1', 'CHARGED_OFF']);
  });
  it('uses balances on the balance basis', () => {
    const [r] = projectionRows(
      '2026-10',
      [{ bucket: 'M2', accounts: 1, balance: 512.5 }],
      [],
      'balance',
    );
    expect(r).toMatchObject({ M2: 512.5 });
  });
});

import { describe, expect, it } from 'vitest';
import { buildMatrix, flowBars, keyFlowTrend, type TransitionLike } from './matrix.ts';

// Fixture: 10 accounts in M1 at month end, with the rates as the API returns them
// (share of the origin's observed accounts / balance).
//   M1→M0: 3 accounts, balance 300   (cure)          3/10 = 0.3,  300/2000 = 0.15
//   M1→M1: 4 accounts, balance 800   (stay)          4/10 = 0.4,  800/2000 = 0.4
//   M1→M2: 2 accounts, balance 600   (roll forward)  2/10 = 0.2,  600/2000 = 0.3
//   M1→CLOSED: 1 account, balance 300 (paid off)     1/10 = 0.1,  300/2000 = 0.15
// M0: 5 accounts, 4 stay (balance 400: 4/5, 400/500), 1 → M1 (balance 100: 1/5, 100/500).
const t: TransitionLike[] = [
  { from: 'M1', to: 'M0', accounts: 3, balance: 300, accountRate: 0.3, balanceRate: 0.15 },
  { from: 'M1', to: 'M1', accounts: 4, balance: 800, accountRate: 0.4, balanceRate: 0.4 },
  { from: 'M1', to: 'M2', accounts: 2, balance: 600, accountRate: 0.2, balanceRate: 0.3 },
  { from: 'M1', to: 'CLOSED', accounts: 1, balance: 300, accountRate: 0.1, balanceRate: 0.15 },
  { from: 'M0', to: 'M0', accounts: 4, balance: 400, accountRate: 0.8, balanceRate: 0.8 },
  { from: 'M0', to: 'M1', accounts: 1, balance: 100, accountRate: 0.2, balanceRate: 0.2 },
];

describe('buildMatrix', () => {
  it('orders rows by bucket and computes count-basis row shares', () => {
    const m = buildMatrix(t, 'count');
    expect(m.map((r) => r.from)).toEqual(['M0', 'M1']);
    const m1 = m[1]!;
    // total 3+4+2+1 = 10; M1→M2 = 2/10 = 0.2
    expect(m1.total).toBe(10);
    expect(m1.cells.find((c) => c.to === 'M2')!.rate).toBeCloseTo(0.2, 10);
    // no M1→M3 transition: 0 of a non-empty row
    expect(m1.cells.find((c) => c.to === 'M3')!.rate).toBe(0);
    expect(m1.cells).toHaveLength(10);
  });
  it('weights by balance on the balance basis', () => {
    const m1 = buildMatrix(t, 'balance')[1]!;
    // total 300+800+600+300 = 2000; M1→M2 = 600/2000 = 0.3
    expect(m1.total).toBe(2000);
    expect(m1.cells.find((c) => c.to === 'M2')!.rate).toBeCloseTo(0.3, 10);
  });
  it("shows the API's rates, not shares recomputed here", () => {
    // The API's rate of 0.25 stands though 1 of the row's 2 accounts would be 0.5:
    // the definition (e.g. which accounts count as observed) is the API's alone.
    const [row] = buildMatrix(
      [
        { from: 'M2', to: 'M3', accounts: 1, balance: 10, accountRate: 0.25, balanceRate: 0.125 },
        { from: 'M2', to: 'M2', accounts: 1, balance: 10, accountRate: 0.25, balanceRate: 0.125 },
      ],
      'count',
    );
    expect(row!.cells.find((c) => c.to === 'M3')!.rate).toBe(0.25);
    // a cell without a transition in a non-empty row is 0
    expect(row!.cells.find((c) => c.to === 'M4')!.rate).toBe(0);
  });
});

describe('flowBars', () => {
  it('orders buckets, drops absorbing ones and picks the basis', () => {
    const flows = [
      {
        bucket: 'M2' as const,
        rollForwardRate: 0.3,
        rollForwardBalanceRate: 0.4,
        cureRate: 0.1,
        cureBalanceRate: 0.05,
        paidOffRate: 0,
        paidOffBalanceRate: 0,
      },
      { bucket: 'CLOSED' as const, paidOffRate: 1, paidOffBalanceRate: 1 },
      {
        bucket: 'M0' as const,
        rollForwardRate: 0.02,
        rollForwardBalanceRate: 0.03,
        cureRate: null,
        cureBalanceRate: null,
        paidOffRate: 0.01,
        paidOffBalanceRate: 0.02,
      },
    ];
    expect(flowBars(flows, 'count')).toEqual([
      { bucket: 'M0', rollForward: 0.02, cure: null, paidOff: 0.01 },
      { bucket: 'M2', rollForward: 0.3, cure: 0.1, paidOff: 0 },
    ]);
    expect(flowBars(flows, 'balance')[1]).toEqual({
      bucket: 'M2',
      rollForward: 0.4,
      cure: 0.05,
      paidOff: 0,
    });
  });
});

describe('keyFlowTrend', () => {
  it('gives each month the rate of each key flow, null where the origin is empty', () => {
    const [p] = keyFlowTrend([{ month: '2026-01', transitions: t }], 'count');
    // M0→M1 = 1/5 = 0.2; M1→M2 = 2/10 = 0.2; no M2 origin → null
    expect(p!.month).toBe('2026-01');
    expect(p!['M0→M1']).toBeCloseTo(0.2, 10);
    expect(p!['M1→M2']).toBeCloseTo(0.2, 10);
    expect(p!['M2→M3']).toBeNull();
  });
});

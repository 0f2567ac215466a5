import { describe, expect, it } from 'vitest';
import { groupLabel, outcomeOrder, stackedShares } from './outcomes.ts';

// sms_first: 4 cases = 3 cured + 1 charged_off; early_call: 2 cases = 2 charged_off.
const groups = [
  {
    key: ['sms_first'],
    cases: 4,
    outcomes: [
      { outcome: 'cured', cases: 3, share: 0.75 },
      { outcome: 'charged_off', cases: 1, share: 0.25 },
    ],
  },
  { key: [''], cases: 2, outcomes: [{ outcome: 'charged_off', cases: 2, share: 1 }] },
];

describe('outcome stacks', () => {
  it('orders outcomes by total cases', () => {
    // charged_off 1+2 = 3, cured 3 → tie broken by name: charged_off, cured
    expect(outcomeOrder(groups)).toEqual(['charged_off', 'cured']);
  });
  it('gives each group the share of every outcome, 0 where absent', () => {
    expect(stackedShares(groups)).toEqual([
      { group: 'sms_first', cases: 4, charged_off: 0.25, cured: 0.75 },
      { group: '(none)', cases: 2, charged_off: 1, cured: 0 },
    ]);
  });
  it('labels multi-dimension keys and the ungrouped total', () => {
    expect(groupLabel(['a', 'M1'])).toBe('a · M1');
    expect(groupLabel([])).toBe('All cases');
    // the viewer's merged small groups (API SMALL_CELL_MIN_CASES)
    expect(groupLabel(['*', '*'])).toBe('Small groups (merged)');
    expect(groupLabel(['*', 'M1'])).toBe('* · M1');
  });
});

import { describe, expect, it } from 'vitest';
import { planRows, stageLabel, stageRows } from './plans.ts';

describe('planRows', () => {
  it('gives on-track over all plans and completion over closed plans', () => {
    // instalment: 40 plans, 30 on track (0.75); 10 closed, 6 completed (0.6)
    // settlement: 5 plans, 1 on track (0.2); none closed → completion null
    expect(
      planRows([
        { key: ['instalment'], plans: 40, onTrack: 30, closedPlans: 10, completed: 6 },
        { key: [''], plans: 5, onTrack: 1, closedPlans: 0, completed: 0 },
      ]),
    ).toEqual([
      { group: 'instalment', plans: 40, onTrackRate: 0.75, completionRate: 0.6 },
      { group: '(none)', plans: 5, onTrackRate: 0.2, completionRate: null },
    ]);
  });
});

describe('stageRows', () => {
  it('orders stages along the pipeline with shares and net recovery', () => {
    // 10 cases: filed 4 (0.4), demand letter 6 (0.6); filed cost 1 000, recovered 2 500 → net 1 500
    const rows = stageRows(
      [
        { stage: 'filed', cases: 4, legalCost: 1000, recovered: 2500 },
        { stage: 'demand_letter', cases: 6, legalCost: 60, recovered: 0 },
      ],
      10,
    );
    expect(rows.map((r) => [r.stage, r.share, r.net])).toEqual([
      ['demand_letter', 0.6, -60],
      ['filed', 0.4, 1500],
    ]);
    expect(rows[0]!.label).toBe('Demand letter');
    expect(stageLabel(null)).toBe('Total');
  });
});

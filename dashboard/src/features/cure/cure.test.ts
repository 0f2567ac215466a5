import { describe, expect, it } from 'vitest';
import { bucketCureRows, cohortAt, curveRows } from './cure.ts';

// Cohort 2026-08: 10 cases. N=0: 10 mature, 1 cured; N=30: 8 mature (2 too recent), 4 cured.
// Cohort 2026-09: 4 cases. N=0: 4 mature, 0 cured; N=30: none mature yet (4 immature).
// cureRate is the API's cured / matureCases (1/10, 4/8, 0/4, null), shown as given.
const cohorts = [
  {
    cohort: '2026-08',
    cases: 10,
    points: [
      { days: 0, cured: 1, matureCases: 10, immatureCases: 0, cureRate: 0.1 },
      { days: 30, cured: 4, matureCases: 8, immatureCases: 2, cureRate: 0.5 },
    ],
  },
  {
    cohort: '2026-09',
    cases: 4,
    points: [
      { days: 0, cured: 0, matureCases: 4, immatureCases: 0, cureRate: 0 },
      { days: 30, cured: 0, matureCases: 0, immatureCases: 4, cureRate: null },
    ],
  },
];

describe('curveRows', () => {
  it('gives the API’s cure rate per cohort and N, null where nothing is mature', () => {
    // 1/10 = 0.1, 0/4 = 0; 4/8 = 0.5, 0 mature → null
    expect(curveRows(cohorts)).toEqual([
      { days: 0, '2026-08': 0.1, '2026-09': 0 },
      { days: 30, '2026-08': 0.5, '2026-09': null },
    ]);
  });
});

describe('cohortAt', () => {
  it('shows maturity at the checkpoint and falls back to the last point', () => {
    expect(cohortAt(cohorts, 30)).toEqual([
      { cohort: '2026-08', cases: 10, mature: 8, immature: 2, cured: 4, cureRate: 0.5 },
      { cohort: '2026-09', cases: 4, mature: 0, immature: 4, cured: 0, cureRate: null },
    ]);
    // N=90 is beyond the curve: the N=30 point is used
    expect(cohortAt(cohorts, 90)[0]).toMatchObject({ mature: 8, cureRate: 0.5 });
  });
});

describe('bucketCureRows', () => {
  it('keeps delinquent buckets with observed accounts', () => {
    expect(
      bucketCureRows([
        { bucket: 'M0', accounts: 100, cureRate: null },
        { bucket: 'M1', accounts: 20, cureRate: 0.25 },
        { bucket: 'M2', accounts: 0, cureRate: null },
        { bucket: 'M3', accounts: 5, cureRate: 0 },
        // terminal buckets never cure, whatever the API sends
        { bucket: 'CLOSED', accounts: 7, cureRate: 0 },
        { bucket: 'CHARGED_OFF', accounts: 3, cureRate: 0 },
      ]),
    ).toEqual([
      { bucket: 'M1', accounts: 20, cureRate: 0.25 },
      { bucket: 'M3', accounts: 5, cureRate: 0 },
    ]);
  });
});

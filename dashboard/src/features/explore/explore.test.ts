import { describe, expect, it } from 'vitest';
import type { ExploreQuery } from '../../gql/graphql.ts';
import { toCsv } from '../../lib/csv.ts';
import { periodBounds, periodCut } from '../../lib/periods.ts';
import { exploreVariables, parseQuestion, problems, writeQuestion } from './question.ts';
import { chartData, resultColumns, resultRows } from './result.ts';

const catalog = {
  measures: [
    {
      key: 'amount_collected',
      name: 'AMOUNT_COLLECTED',
      dimensions: ['REGION', 'CHANNEL'],
      filters: ['regions', 'teams', 'channels'],
    },
    {
      key: 'cure_rate_30d',
      name: 'CURE_RATE_30D',
      dimensions: ['REGION', 'SEGMENT'],
      filters: ['regions', 'segments', 'experiments'],
    },
  ],
  dimensions: [
    { key: 'region', name: 'REGION' },
    { key: 'channel', name: 'CHANNEL' },
    { key: 'segment', name: 'SEGMENT' },
  ],
} as const;

const filters = {
  from: '2026-01-01',
  to: '2026-03-31',
  portfolios: [],
  products: [],
  regions: ['north'],
  riskGrades: [],
};

describe('explore question in the URL', () => {
  it('reads measures, dimensions, grain and the page filters, and writes them back the same', () => {
    const params = new URLSearchParams(
      'measures=cure_rate_30d,amount_collected&by=region&grain=quarter&strategy=soft,firm&chart=amount_collected',
    );
    const q = parseQuestion(params);
    expect(q).toEqual({
      measures: ['cure_rate_30d', 'amount_collected'],
      dimensions: ['region'],
      grain: 'quarter',
      filters: {
        segments: [],
        strategies: ['soft', 'firm'],
        experiments: [],
        monthEndBuckets: [],
        teams: [],
        agents: [],
        channels: [],
      },
      chart: 'amount_collected',
    });
    const again = new URLSearchParams();
    for (const [k, v] of Object.entries(writeQuestion(q))) if (v !== null) again.set(k, v);
    expect(parseQuestion(again)).toEqual(q);
  });

  it('opens on the default question, and keeps "no grain" apart from "default grain"', () => {
    expect(parseQuestion(new URLSearchParams())).toMatchObject({
      measures: ['amount_collected', 'cure_rate_30d'],
      grain: 'month',
    });
    expect(parseQuestion(new URLSearchParams('grain=none')).grain).toBeNull();
    expect(writeQuestion({ ...parseQuestion(new URLSearchParams()), grain: null }).grain).toBe(
      'none',
    );
  });

  it('names every unknown measure, dimension and grain instead of dropping them', () => {
    const q = parseQuestion(
      new URLSearchParams('measures=amount_colected&by=regon&grain=fortnight'),
    );
    expect(problems(q, catalog, filters)).toEqual([
      'Unknown measure “amount_colected”; known: amount_collected, cure_rate_30d.',
      'Unknown dimension “regon”; known: region, channel, segment.',
      'Unknown grain “fortnight”; known: none, day, week, month, quarter, year.',
    ]);
  });

  it('says when a measure cannot be sliced by a dimension, or too many are picked', () => {
    const q = parseQuestion(new URLSearchParams('measures=cure_rate_30d&by=channel'));
    expect(problems(q, catalog, filters)).toEqual([
      'cure_rate_30d cannot be sliced by channel: pick another measure or dimension.',
    ]);
    const five = parseQuestion(new URLSearchParams('measures=amount_collected&by=a,b,c,d,e'));
    expect(problems(five, catalog, filters)).toContain('At most 4 dimensions; 5 are picked.');
  });

  it('keeps team, agent, channel and month-end bucket filters in the URL', () => {
    const q = parseQuestion(
      new URLSearchParams('team=north-1,south-2&agent=a7&channel=sms&month_end_bucket=M2'),
    );
    expect(q.filters).toMatchObject({
      teams: ['north-1', 'south-2'],
      agents: ['a7'],
      channels: ['sms'],
      monthEndBuckets: ['M2'],
    });
    expect(writeQuestion(q)).toMatchObject({
      team: 'north-1,south-2',
      agent: 'a7',
      channel: 'sms',
      month_end_bucket: 'M2',
      segment: null,
    });
  });

  it('asks explore with the team and channel filters beside the bar’s', () => {
    const q = parseQuestion(
      new URLSearchParams('measures=amount_collected&grain=none&team=north-1&channel=sms,call'),
    );
    expect(exploreVariables(q, filters, catalog).filter).toEqual({
      regions: ['north'],
      teams: ['north-1'],
      channels: ['sms', 'call'],
    });
  });

  it('says which filter a picked measure cannot honour, the bar’s included', () => {
    const q = parseQuestion(
      new URLSearchParams('measures=amount_collected,cure_rate_30d&team=north-1&segment=s1'),
    );
    expect(problems(q, catalog, filters)).toEqual([
      'amount_collected cannot be filtered by segment: clear that filter or pick another measure.',
      'cure_rate_30d cannot be filtered by team: clear that filter or pick another measure.',
    ]);
    const graded = { ...filters, regions: [], riskGrades: ['A'] };
    expect(
      problems(parseQuestion(new URLSearchParams('measures=cure_rate_30d')), catalog, graded),
    ).toEqual([
      'cure_rate_30d cannot be filtered by grade: clear that filter or pick another measure.',
    ]);
  });

  it('asks explore with enum names, the range and both portfolio and case filters', () => {
    const q = parseQuestion(
      new URLSearchParams('measures=cure_rate_30d&by=segment&grain=month&experiment=x1'),
    );
    expect(exploreVariables(q, filters, catalog)).toEqual({
      measures: ['CURE_RATE_30D'],
      dimensions: ['SEGMENT'],
      grain: 'MONTH',
      from: '2026-01-01',
      to: '2026-03-31',
      filter: { regions: ['north'], experiments: ['x1'] },
    });
  });
});

describe('period bounds and cuts', () => {
  it('gives first and last day per grain', () => {
    expect(periodBounds('2026-02', 'MONTH')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodBounds('2026-Q4', 'quarter')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    // ISO week named by its Monday: Mon 2026-11-30 … Sun 2026-12-06.
    expect(periodBounds('2026-11-30', 'week')).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(periodBounds('2026', 'year')).toEqual({ first: '2026-01-01', last: '2026-12-31' });
  });

  it('marks a period ending after the as-of date "to date" and one starting before the range "cut"', () => {
    const range = { from: '2026-01-07', to: '2026-03-31', asOf: '2026-03-15' };
    expect(periodCut('2026-03', 'month', range)).toBe('toDate'); // ends 03-31 > as-of 03-15
    expect(periodCut('2026-02', 'month', range)).toBeNull();
    expect(periodCut('2026-01-05', 'week', range)).toBe('cut'); // Monday 01-05 < from 01-07
    // The range's own end cuts too, as-of or not.
    expect(periodCut('2026-03', 'month', { ...range, to: '2026-03-10' })).toBe('toDate');
  });
});

type Answer = ExploreQuery['explore'];
const rate = (numerator: number, denominator: number) => ({
  measure: 'CURE_RATE_30D' as const,
  unit: 'RATE' as const,
  value: numerator / denominator,
  numerator,
  denominator,
});
const amount = (value: number) => ({
  measure: 'AMOUNT_COLLECTED' as const,
  unit: 'CURRENCY' as const,
  value,
  numerator: null,
  denominator: null,
});
const row = (period: string, key: string[], values: Answer['rows'][number]['values']) => ({
  period,
  key,
  suppressed: false,
  values,
});

const answer: Answer = {
  from: '2026-01-01',
  to: '2026-03-31',
  currency: 'CNY',
  measures: ['AMOUNT_COLLECTED', 'CURE_RATE_30D'],
  dimensions: ['REGION'],
  totalRows: 6,
  truncated: false,
  rows: [
    row('2026-01', ['north'], [amount(100), rate(3, 4)]),
    row('2026-01', [''], [amount(500), rate(1, 5)]),
    row('2026-02', ['north'], [amount(200), rate(2, 8)]),
    row('2026-02', [''], [amount(600), rate(0, 2)]),
    row('2026-03', ['north'], [amount(50), rate(1, 1)]),
    row('2026-03', [''], [amount(60), rate(1, 3)]),
  ],
};
const keys = { measures: ['amount_collected', 'cure_rate_30d'], dimensions: ['region'] };

describe('explore answer as table, CSV and chart', () => {
  it('puts each rate with its numerator and denominator in the table and the CSV', () => {
    const rows = resultRows(answer, 'month', '2026-03-15');
    const cols = resultColumns(answer, keys, true, ['CURRENCY', 'RATE']);
    expect(cols.map((c) => c.label)).toEqual([
      'period',
      'region',
      'amount_collected',
      'cure_rate_30d',
      'cure_rate_30d_numerator',
      'cure_rate_30d_denominator',
    ]);
    // 3 of 4 cured = 75.0 %; the missing region shows as (none), the cut month as to date.
    expect(cols.map((c) => c.text(rows[0]!))).toEqual([
      '2026-01',
      'north',
      'CNY 100',
      '75.0%',
      '3',
      '4',
    ]);
    expect(cols.map((c) => c.text(rows[5]!)).slice(0, 2)).toEqual(['2026-03 (to date)', '(none)']);
    expect(toCsv(cols, rows.slice(0, 2)).split('\r\n')).toEqual([
      'period,region,amount_collected,cure_rate_30d,cure_rate_30d_numerator,cure_rate_30d_denominator',
      '2026-01,north,100,0.75,3,4',
      '2026-01,,500,0.2,1,5',
      '',
    ]);
  });

  it('draws one line per group, largest total first, the month to date dashed', () => {
    const data = chartData(resultRows(answer, 'month', '2026-03-15'), 0, true);
    // Totals: (none) 500 + 600 + 60 = 1160, north 100 + 200 + 50 = 350.
    expect(data.series).toEqual([
      { dataKey: 's0', name: '(none)' },
      { dataKey: 's1', name: 'north' },
    ]);
    expect(data.toDate).toBe(true);
    expect(data.points).toEqual([
      { x: '2026-01', s0: 500, s1: 100, s0__toDate: null, s1__toDate: null },
      // The dashed series starts at the last whole month so that it joins the line.
      { x: '2026-02', s0: 600, s1: 200, s0__toDate: 600, s1__toDate: 200 },
      { x: '2026-03 (to date)', s0: null, s1: null, s0__toDate: 60, s1__toDate: 50 },
    ]);
  });

  it('draws one bar per group without a grain, and nothing dashed when every period is whole', () => {
    const whole = chartData(resultRows(answer, 'month', '2026-03-31'), 1, true);
    expect(whole.toDate).toBe(false);
    // A rate ranks its groups by denominator: north 4 + 8 + 1 = 13 before (none) 5 + 2 + 3 = 10.
    expect(whole.series.map((s) => s.name)).toEqual(['north', '(none)']);
    expect(whole.points[2]).toEqual({ x: '2026-03', s0: 1, s1: 1 / 3 });
    const noGrain: Answer = {
      ...answer,
      rows: answer.rows.slice(0, 2).map((r) => ({ ...r, period: null })),
    };
    const bars = chartData(resultRows(noGrain, null, '2026-03-15'), 0, false);
    expect(bars.points).toEqual([
      { x: 'north', s0: 100 },
      { x: '(none)', s0: 500 },
    ]);
  });
});

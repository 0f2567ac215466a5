import { describe, expect, it } from 'vitest';
import type { BenchResult } from './harness.ts';
import { renderReport } from './report.ts';
import { TARGETS } from './targets.ts';

const summary = (median: number) => ({ runs: 3, median, min: median / 2, max: median * 2 });

const result: BenchResult = {
  date: '2026-11-28T16:00:00.000Z',
  scale: 'S',
  runs: 3,
  warmup: 1,
  args: {
    fromMonth: '2024-01-01',
    toMonth: '2025-12-01',
    from: '2025-01-01',
    to: '2025-12-31',
    experiment: 'X',
    cureWithinDays: 30,
    maxDays: 90,
    forecastMonths: 6,
    graceDays: 3,
  },
  engines: [
    {
      engine: 'clickhouse',
      version: 'ClickHouse 26.1',
      load: { events: 1000, seconds: 2, bareSeconds: 0.5, bareRows: 1000 },
      peakRss: 200 * 2 ** 20,
    },
    {
      engine: 'postgres',
      version: 'PostgreSQL 15.18',
      load: {
        events: 1000,
        seconds: 4,
        phases: [
          { name: 'COPY raw lines', seconds: 1.5 },
          { name: 'indexes', seconds: 2.5 },
        ],
      },
      peakRss: 300 * 2 ** 20,
    },
  ],
  skipped: [{ engine: 'duckdb', reason: 'test' }],
  checks: [{ metric: 'kpis', agree: true, compared: ['A', 'B'] }],
  timings: [
    { metric: 'kpis', target: TARGETS[0]!, summary: summary(30) },
    { metric: 'kpis', target: TARGETS[1]!, summary: summary(20) },
    { metric: 'kpis', target: TARGETS[2]!, summary: summary(400) },
    { metric: 'cureCurve', target: TARGETS[1]!, summary: summary(10) },
  ],
  timedOut: [{ metric: 'cureCurve', target: TARGETS[2]!.label, seconds: 600 }],
  maxQuerySeconds: 600,
  phases: [
    { name: 'generate', seconds: 10 },
    { name: 'equality check', seconds: 5.25 },
  ],
};

describe('renderReport', () => {
  const md = renderReport(
    result,
    { cpu: 'EPYC', cores: 2, memoryGiB: 23.5, os: 'Linux 6', node: 'v20.20.2', load15: 0.5 },
    'pnpm bench --scale S --runs 3',
  );

  it('states machine, scale, versions and what was not measured', () => {
    expect(md).toContain('EPYC, 2 cores, 23.5 GiB RAM');
    expect(md).toContain('Scale: S (10,000 accounts × 24 months)');
    expect(md).toContain('- PostgreSQL 15.18');
    expect(md).toContain('Not measured: duckdb — test');
    // load 0.5 on 2 cores: a quiet machine, no warning
    expect(md).toContain('Load average (15 min) at the end of the run: 0.5\n');
  });

  it('gives load rates, with the bare INSERT beside the ETL', () => {
    // 1000 events / 2 s = 500/s; bare 1000 / 0.5 s = 2000/s; PostgreSQL 1000 / 4 s = 250/s
    expect(md).toContain('| ClickHouse | 1,000 | 2.00 | 500 | 200 MiB |');
    expect(md).toContain(
      '| ClickHouse bare INSERT … SELECT FROM file() | 1,000 | 0.50 | 2,000 | |',
    );
    expect(md).toContain('| PostgreSQL | 1,000 | 4.00 | 250 | 300 MiB |');
  });

  it('gives medians, ranges and ratios against ClickHouse bare', () => {
    // API 30 / 20 = ×1.5; bare ×1.0; PostgreSQL 400 / 20 = ×20
    expect(md).toContain(
      '| kpis | 30.0 (15.0–60.0) ×1.5 | 20.0 (10.0–40.0) ×1.0 | 400 (200–800) ×20 |',
    );
  });

  it('shows a query stopped at the cap, and where the load and the run spent their time', () => {
    expect(md).toContain('| cureCurve | — | 10.0 (5.00–20.0) ×1.0 | > 600 s (stopped) |');
    expect(md).toContain('- PostgreSQL: COPY raw lines 1.5 · indexes 2.5');
    // phases 10 + 5.25 = 15.25 s; one decimal: 5.3 and 15.3
    expect(md).toContain('| equality check | 5.3 |');
    expect(md).toContain('| total | 15.3 |');
  });

  it('appends the hand-written notes at the end', () => {
    const withNotes = renderReport(
      result,
      { cpu: 'EPYC', cores: 2, memoryGiB: 23.5, os: 'Linux 6', node: 'v20.20.2', load15: 0.5 },
      'pnpm bench',
      '## Why\n\nBecause.\n',
    );
    expect(withNotes.endsWith('## Why\n\nBecause.\n')).toBe(true);
    expect(md).not.toContain('## Why');
  });
});

describe('renderReport, a reused database', () => {
  it("names it by placeholder, not by this machine's path", () => {
    const [clickhouse, ...rest] = result.engines;
    const reused = {
      ...result,
      engines: [
        { ...clickhouse!, load: { ...clickhouse!.load, reused: '/srv/data/chdb-M-snapshot' } },
        ...rest,
      ],
    };
    const md = renderReport(
      reused,
      { cpu: 'EPYC', cores: 2, memoryGiB: 23.5, os: 'Linux 6', node: 'v20.20.2', load15: 0.5 },
      'pnpm bench',
    );
    expect(md).toContain('it used a copy of `$DATA/chdb-M-snapshot`');
    expect(md).not.toContain('/srv/');
  });
});

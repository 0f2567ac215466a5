/**
 * The whole harness at the fixture scale, on whatever engines this machine has
 * (DuckDB always; PostgreSQL when it can be installed or found; ClickHouse once
 * wired): it must load, agree, time and render without error.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines } from './fixture.ts';
import { runBench } from './harness.ts';
import { COMPARISON_SQL } from './metrics/index.ts';
import { renderReport } from './report.ts';

describe('pnpm bench --scale fixture', () => {
  // A whole run (three engines, two of them servers or databases to start): minutes on a busy box.
  it(
    'checks, times and reports every core query on every available engine',
    { timeout: 600_000 },
    async () => {
      const result = await runBench({ scale: 'fixture', runs: 2, warmup: 1 });
      const engines = result.engines.map((e) => e.engine);
      expect(engines).toContain('duckdb');
      // every engine loaded the fixture's valid lines (4 bad lines skipped)
      for (const e of result.engines) expect(e.load.events).toBe(fixtureLines().length - 4);
      expect(result.checks.map((c) => c.metric)).toEqual(COMPARISON_SQL.map((m) => m.name));
      expect(result.checks.every((c) => c.agree)).toBe(true);
      const targetsPerQuery = result.timings.length / COMPARISON_SQL.length;
      expect(targetsPerQuery).toBeGreaterThanOrEqual(engines.length);
      for (const t of result.timings) expect(t.summary.runs).toBe(2);
      for (const e of result.engines) expect(e.peakRss).toBeGreaterThan(0);

      const md = renderReport(
        result,
        { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20', load15: 0.5 },
        'pnpm bench --scale fixture --runs 2',
      );
      expect(md).toContain('Test CPU, 2 cores, 24 GiB RAM');
      expect(md).toContain('| rollRates |');
      expect(md).not.toContain('**different**');
    },
  );
});

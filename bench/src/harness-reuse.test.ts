/**
 * `pnpm bench --clickhouse-db DIR`: ClickHouse answers from a copy of a database
 * loaded beforehand by the ETL, with the same numbers as the other engines, and
 * the report says the load was not measured in this run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPaths } from '@collections/etl';
import { loadEnv, migrate, openDb } from '@collections/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureLines, writeFixture } from './fixture.ts';
import { runBench } from './harness.ts';
import { renderReport } from './report.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bench-reuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench --clickhouse-db', () => {
  // A whole run (three engines, two of them servers or databases to start): minutes on a busy box.
  it(
    'uses a copy of the loaded database, leaves it untouched and still checks every query',
    { timeout: 600_000 },
    async () => {
      const file = writeFixture(path.join(dir, 'events.ndjson'));
      const chdb = path.join(dir, 'chdb');
      const db = await openDb(loadEnv({ CHDB_PATH: chdb, PII_KEY: 'reuse-test-key-0123456789' }));
      await migrate(db);
      await loadPaths(db, [file], { piiKey: 'reuse-test-key-0123456789' });
      await db.close();
      const before = readdirSync(chdb, { recursive: true }).length;

      const result = await runBench({
        scale: 'fixture',
        runs: 1,
        warmup: 1,
        files: [file],
        clickhouseDb: chdb,
      });
      const clickhouse = result.engines.find((e) => e.engine === 'clickhouse')!;
      expect(clickhouse.load.reused).toBe(chdb);
      // the 4 bad lines were quarantined by the ETL, as the other engines skip them
      expect(clickhouse.load.events).toBe(fixtureLines().length - 4);
      expect(clickhouse.load.bareSeconds).toBeUndefined();
      expect(result.checks.every((c) => c.agree)).toBe(true);
      expect(result.checks[0]!.compared).toContain('ClickHouse via API (GraphQL)');
      expect(result.timings.some((t) => t.target.label === 'ClickHouse bare SQL')).toBe(true);
      expect(readdirSync(chdb, { recursive: true }).length).toBe(before);

      const md = renderReport(
        result,
        { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20', load15: 0.5 },
        'pnpm bench --scale fixture --clickhouse-db x',
      );
      expect(md).toContain('ClickHouse (loaded beforehand, see below)');
      // named by placeholder, not by this machine's path
      expect(md).toContain('it used a copy of `$DATA/chdb`');
      expect(md).not.toContain(dir);
    },
  );
});

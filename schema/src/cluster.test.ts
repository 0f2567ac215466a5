import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db.ts';
import { replicatedEngine } from './ddl.ts';
import { renderMigration } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openTempDb, type TempDb } from './testing.ts';

let db: TempDb;
beforeAll(async () => {
  db = await openTempDb({ migrate: false });
});
afterAll(() => db.dispose());

describe('cluster profile DDL', () => {
  const statements = MIGRATIONS.flatMap((m) =>
    renderMigration(m, { kind: 'cluster', cluster: 'collections' }),
  );

  it('is parsed by ClickHouse, statement by statement', async () => {
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const [row] = await queryRows<{ q: string }>(db, 'SELECT formatQuery({sql:String}) AS q', {
        sql,
      });
      expect(row?.q).toMatch(/^CREATE TABLE/);
    }
  });

  it('puts a replicated local table and a Distributed table on the cluster for each table', () => {
    const locals = statements.filter((s) =>
      /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}/.test(s),
    );
    const distributed = statements.filter((s) =>
      s.includes("ENGINE = Distributed('collections', currentDatabase()"),
    );
    expect(locals.length).toBe(distributed.length);
    expect(statements.every((s) => s.includes("ON CLUSTER 'collections'"))).toBe(true);
    expect(
      statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS account_snapshot ')),
    ).toContain('sipHash64(account_id)');
  });

  it('keeps engine arguments when making an engine replicated', () => {
    expect(replicatedEngine('ReplacingMergeTree(updated_at)', 't_local')).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/t_local', '{replica}', updated_at)",
    );
    expect(replicatedEngine('MergeTree', 't_local')).toBe(
      "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/t_local', '{replica}')",
    );
  });
});

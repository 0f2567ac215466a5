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
      expect(row?.q).toMatch(/^(CREATE TABLE|ALTER TABLE \w+_local ON CLUSTER collections)/);
    }
  });

  it("adds the account_month projections ON CLUSTER to every shard's local table (migrations 201, 205)", () => {
    const alters = statements.filter((s) => s.startsWith('ALTER TABLE account_month'));
    expect(alters.length).toBe(5);
    for (const sql of alters)
      expect(sql).toMatch(/^ALTER TABLE account_month_local ON CLUSTER 'collections' /);
    expect(alters[1]).toContain('ADD PROJECTION IF NOT EXISTS transitions');
    expect(alters[3]).toContain('ADD PROJECTION IF NOT EXISTS month_end');
  });

  it("sets the patch-part settings ON CLUSTER on every shard's derived local tables (migration 760)", () => {
    const settings = statements.filter((s) =>
      / MODIFY SETTING enable_block_number_column = 1/.test(s),
    );
    expect(settings.length).toBe(18);
    for (const sql of settings)
      expect(sql).toMatch(/^ALTER TABLE \w+_local ON CLUSTER 'collections' /);
    expect(settings.some((s) => s.startsWith('ALTER TABLE account_month_local'))).toBe(false);
    // a new database gets them from the replicated CREATE of each derived table
    expect(
      statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS case_facts_local ')),
    ).toMatch(
      /ReplicatedMergeTree[\s\S]*SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1/,
    );
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
    // a case event carries no account: the loader writes it to its account's shard, and
    // the Distributed table, without a shard key, refuses inserts (decision 008)
    expect(
      statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS contact_attempt ')),
    ).toMatch(/Distributed\('collections', currentDatabase\(\), contact_attempt_local\)$/);
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

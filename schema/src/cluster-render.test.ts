/**
 * The cluster form of single-node statements (cluster.ts) as text; ClickHouse runs and
 * parses them in cluster-refresh.int.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { onClusterSql, renameTables, shardLocalSql } from './cluster.ts';
import { clusterTables } from './migrate.ts';

const tables = clusterTables();

describe('renameTables', () => {
  it('renames table names only: not strings, parameters, comments, qualified names or columns', () => {
    const sql = `SELECT 'payment' AS t, amount FROM payment -- payment
WHERE case_id IN (SELECT key FROM refresh_keys WHERE refresh_id = {payment:UUID})
  AND name IN (SELECT name FROM system.tables) AND payment.amount > 1e3`;
    expect(renameTables(sql, tables))
      .toBe(`SELECT 'payment' AS t, amount FROM payment_local -- payment
WHERE case_id IN (SELECT key FROM refresh_keys_local WHERE refresh_id = {payment:UUID})
  AND name IN (SELECT name FROM system.tables) AND payment_local.amount > 1e3`);
  });

  it('renames a stage of a declared table, not an unknown name', () => {
    expect(renameTables('INSERT INTO account_month_stage SELECT * FROM paymentx', tables)).toBe(
      'INSERT INTO account_month_stage_local SELECT * FROM paymentx',
    );
  });
});

describe('shardLocalSql', () => {
  it("gives a stage the table's single-node engine and keys, not its replicated engine", () => {
    const def = tables.get('account_month')!;
    const sql = shardLocalSql('CREATE TABLE account_month_stage AS account_month', tables);
    expect(sql).toBe(
      [
        'CREATE TABLE account_month_stage_local AS account_month_local',
        `ENGINE = ${def.engine}`,
        `PARTITION BY ${def.partitionBy}`,
        `ORDER BY ${def.orderBy}`,
      ].join('\n'),
    );
    expect(sql).not.toContain('Replicated');
  });
});

describe('onClusterSql', () => {
  it('runs an ALTER once for every shard, on the local table', () => {
    expect(onClusterSql('ALTER TABLE kpi_daily DELETE WHERE 1', tables, 'c')).toBe(
      "ALTER TABLE kpi_daily_local ON CLUSTER 'c' DELETE WHERE 1",
    );
    expect(() => onClusterSql('INSERT INTO kpi_daily SELECT 1', tables, 'c')).toThrow(
      /not an ALTER TABLE/,
    );
  });
});

/** DuckDB through @duckdb/node-api, in this process (SPEC-equivalent SQL in ../metrics). */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { allFields, createTableSql, insertFromStagingSql, TABLE_NAMES } from '../tables.ts';
import type { BenchEngine, Row } from './types.ts';

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function openDuckDb(path = ':memory:'): Promise<BenchEngine> {
  const instance = await DuckDBInstance.create(path);
  const conn: DuckDBConnection = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  for (const t of TABLE_NAMES) await conn.run(createTableSql(t));

  const query = async (sql: string, params: readonly unknown[]): Promise<Row[]> => {
    const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJson() as Row[];
  };

  return {
    name: 'DuckDB',
    async version() {
      const [row] = await query('SELECT version() AS v', []);
      return `DuckDB ${String(row?.v)}`;
    },
    async load(files) {
      const started = performance.now();
      const columns = allFields()
        .map((f) => `${f}: 'VARCHAR'`)
        .join(', ');
      const list = `[${[...files].sort().map(quote).join(', ')}]`;
      // Lines that are not JSON come back as all-NULL rows (ignore_errors) and fail every check.
      await conn.run(
        `CREATE TEMP TABLE staging AS
         SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY filename, seq) = 1 AS first_seen
         FROM (SELECT *, row_number() OVER () AS seq
               FROM read_json(${list}, format = 'newline_delimited', columns = {${columns}},
                              ignore_errors = true, filename = true))`,
      );
      for (const t of TABLE_NAMES) await conn.run(insertFromStagingSql('duckdb', t, 'staging'));
      await conn.run('DROP TABLE staging');
      const counts = await query(
        `SELECT ${TABLE_NAMES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`,
        [],
      );
      return { events: Number(counts[0]?.n), seconds: (performance.now() - started) / 1000 };
    },
    query,
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
